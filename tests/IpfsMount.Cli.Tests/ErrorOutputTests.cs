// Failures print exactly one `Error: …` line on stderr and exit non-zero — never a stack trace unless --debug.
namespace IpfsMount.Cli.Tests;

public sealed class ErrorOutputTests
{
    [Theory]
    [InlineData("cat", "QmBad")]
    [InlineData("block", "stat", "bafyNOTACID")]
    [InlineData("pin", "add", "/ipns/example.com")]
    [InlineData("get", "zzzz")]
    [InlineData("ls", "")]
    public async Task A_bad_cid_gives_one_error_line_and_a_non_zero_exit(params string[] args)
    {
        using var repo = await TestRepo.InitAsync();

        var result = await repo.RunAsync(args);

        LocalAndDaemonOutputTests.AssertOneErrorLine(result);
    }

    [Fact]
    public async Task A_missing_repo_says_so_and_suggests_init()
    {
        using var dir = new TempDir();

        var result = await CliRun.RunAsync(dir.Combine("nothing-here"), "repo", "stat");

        LocalAndDaemonOutputTests.AssertOneErrorLine(result);
        Assert.Contains("init", result.Stderr);
    }

    [Fact]
    public async Task Debug_adds_the_stack_trace()
    {
        using var dir = new TempDir();

        var result = await CliRun.RunAsync(dir.Combine("nothing-here"), "--debug", "repo", "stat");

        Assert.NotEqual(0, result.ExitCode);
        Assert.StartsWith("Error: ", result.Stderr);
        Assert.Contains("   at ", result.Stderr);
    }

    [Fact]
    public async Task An_unknown_verb_or_option_is_a_usage_error_with_exit_2()
    {
        var verb = await CliRun.RunAsync(null, "frobnicate");
        var option = await CliRun.RunAsync(null, "add", "--no-such-flag", "x");

        Assert.Equal(2, verb.ExitCode);
        Assert.Equal("Error: Unrecognized command or argument 'frobnicate'. (see 'ipfsmount --help')\n", verb.Stderr);
        Assert.Equal(2, option.ExitCode);
        Assert.Contains("--no-such-flag", option.Stderr);
        Assert.Single(option.Stderr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task Adding_a_directory_without_r_is_refused()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.Combine("d"));

        var result = await CliRun.RunAsync(null, "add", "-n", dir.Combine("d"));

        LocalAndDaemonOutputTests.AssertOneErrorLine(result);
        Assert.Contains("-r", result.Stderr);
    }

    [Theory]
    [InlineData("add")]
    [InlineData("cat")]
    [InlineData("get")]
    [InlineData("ls")]
    [InlineData("pin", "add")]
    [InlineData("repo", "gc")]
    [InlineData("block", "put")]
    [InlineData("dag", "export")]
    [InlineData("key", "gen")]
    [InlineData("daemon")]
    public async Task Every_verb_has_help_with_examples(params string[] verb)
    {
        var result = await CliRun.RunAsync(null, [.. verb, "--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Stdout);
        Assert.Contains("\nExamples:\n", result.Stdout);
        var examples = result.Stdout[(result.Stdout.IndexOf("Examples:\n", StringComparison.Ordinal) + 1)..];
        Assert.Contains("ipfsmount " + string.Join(' ', verb), examples);
    }
}
