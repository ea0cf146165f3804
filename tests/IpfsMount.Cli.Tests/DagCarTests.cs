// `dag import` / `dag export` with the reference CAR: importing pins the root, exporting gives the same bytes,
// with and without a daemon.
namespace IpfsMount.Cli.Tests;

public sealed class DagCarTests
{
    private const string Root = "bafybeidju4r557c6e7dyxkypngsw2dpanldio6mhz5cqresxmuaxelgfje"; // kubo-v1 DAG of gen(1048577, 1)

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Importing_the_reference_car_pins_its_root_and_exporting_it_gives_the_same_bytes(bool throughDaemon)
    {
        var car = Path.Combine(RepoRoot.Vectors, "kubo-v1-1048577.car");
        using var repo = await TestRepo.InitAsync();
        DaemonProcess? daemon = throughDaemon ? await DaemonProcess.StartAsync(repo.Repo) : null;
        try
        {
            var import = await repo.RunAsync("dag", "import", car);
            var export = await repo.RunAsync("dag", "export", Root);
            var pins = await repo.RunAsync("pin", "ls", "--type", "recursive");

            Assert.True(import.ExitCode == 0, import.ToString());
            Assert.Equal($"Pinned root\t{Root}\tsuccess\n", import.Stdout);
            Assert.Equal(await File.ReadAllBytesAsync(car), export.StdoutBytes);
            Assert.Equal($"{Root} recursive\n", pins.Stdout);
        }
        finally
        {
            if (daemon is not null) await daemon.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_truncated_car_is_refused_with_one_error_line()
    {
        using var repo = await TestRepo.InitAsync();
        var bytes = await File.ReadAllBytesAsync(Path.Combine(RepoRoot.Vectors, "kubo-v1-1048577.car"));
        var truncated = repo.Write("cut.car", bytes[..(bytes.Length / 2)]);

        var result = await repo.RunAsync("dag", "import", truncated);

        LocalAndDaemonOutputTests.AssertOneErrorLine(result);
    }
}
