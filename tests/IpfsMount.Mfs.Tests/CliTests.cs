// The `files`, `snapshot`, `history`, `diff` and `rollback` verbs, run as the real `ipfsmount` executable
// against a real repo in a temp directory.
using System.Diagnostics;
using System.Text;
using IpfsMount.Storage;

namespace IpfsMount.Mfs.Tests;

public sealed class CliTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("mfs-cli-");
    private readonly string _repo;

    public CliTests()
    {
        _repo = Path.Combine(_dir.FullName, "repo");
        Repo.Init(_repo).Dispose();
    }

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task Files_write_read_ls_stat_mv_and_rm_work_like_kubo()
    {
        await OkIn("hello\n", "files", "write", "-e", "/a.txt");
        Assert.Equal("hello\n", (await Ok("files", "read", "/a.txt")).Out);
        await OkIn("EL", "files", "write", "-o", "1", "/a.txt");
        Assert.Equal("hELlo\n", (await Ok("files", "read", "/a.txt")).Out);
        Assert.Equal("ELl", (await Ok("files", "read", "-o", "1", "-n", "3", "/a.txt")).Out);
        await OkIn("hello\n", "files", "write", "-e", "-t", "/a.txt");
        var stat = (await Ok("files", "stat", "/a.txt")).Out.Split('\n');
        Assert.Equal("QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN", stat[0]);
        Assert.Equal("Size: 6", stat[1]);
        Assert.Equal("Type: file", stat[4]);
        Assert.Equal("QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN\n", (await Ok("files", "stat", "--hash", "/a.txt")).Out);

        await Ok("files", "mkdir", "-p", "/docs/old");
        await Ok("files", "mv", "/a.txt", "/docs");
        Assert.Equal("a.txt/\nold/\n".Replace("a.txt/", "a.txt"), string.Concat((await Ok("files", "ls", "-l", "/docs")).Out.Split('\n')
            .Where(l => l.Length > 0).Select(l => l.Split('\t')[0] + "\n")));
        Assert.Equal("docs\n", (await Ok("files", "ls", "/")).Out);

        var rm = await Run("files", "rm", "/docs");
        Assert.Equal(1, rm.Code);
        Assert.Contains("use -r", rm.Err);
        await Ok("files", "rm", "-r", "/docs");
        Assert.Equal("", (await Ok("files", "ls", "/")).Out);
        var missing = await Run("files", "read", "/nope");
        Assert.Equal(1, missing.Code);
        Assert.StartsWith("Error: /nope: no such file or directory", missing.Err);
    }

    [Fact]
    public async Task Cp_from_ipfs_chmod_touch_chcid_and_flush_print_the_expected_cids()
    {
        await OkIn("hello\n", "files", "write", "-e", "/h");
        var hash = (await Ok("files", "stat", "--hash", "/h")).Out.Trim();
        await Ok("files", "cp", "-p", $"/ipfs/{hash}", "/copies/h2");
        Assert.Equal("hello\n", (await Ok("files", "read", "/copies/h2")).Out);
        await Ok("files", "chmod", "600", "/h");
        await Ok("files", "touch", "--mtime", "1700000000", "/h");
        var st = (await Ok("files", "stat", "--format", "<mode> <mtime> <type>", "/h")).Out.Trim();
        Assert.Equal("0600 1700000000 file", st);
        await Ok("files", "chcid", "--cid-version", "1", "/copies");
        Assert.StartsWith("bafy", (await Ok("files", "stat", "--hash", "/copies")).Out);
        var flushed = (await Ok("files", "flush", "/")).Out.Trim();
        Assert.Equal((await Ok("files", "stat", "--hash", "/")).Out.Trim(), flushed);
        Assert.Equal(1, (await Run("files", "chmod", "9z", "/h")).Code);
    }

    [Fact]
    public async Task History_diff_snapshot_rollback_and_prune_work_from_the_command_line()
    {
        await OkIn("one", "files", "write", "-e", "/f");              // version 1
        await OkIn("two", "files", "write", "-e", "-t", "/f");        // version 2
        await Ok("files", "mkdir", "/dir");                               // version 3
        var history = (await Ok("history")).Out.Trim().Split('\n');
        Assert.Equal(3, history.Length);
        Assert.StartsWith("1\t", history[0]);
        Assert.Contains("files write -e /f", history[0]);
        Assert.Equal(["1", "2"], (await Ok("history", "/f")).Out.Trim().Split('\n').Select(l => l.Split('\t')[0]));
        Assert.Equal("M\t/f\nA\t/dir\n", SortLines((await Ok("diff", "1", "head")).Out));

        var snap = (await Ok("snapshot", "/dir")).Out.Trim();
        Assert.Equal("QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn", snap);
        var rolled = await Ok("rollback", "1");
        Assert.Contains("version 4", rolled.Out);
        Assert.Equal("one", (await Ok("files", "read", "/f")).Out);
        Assert.Equal("", (await Ok("diff", "1", "head")).Out);
        Assert.Equal("pruned 2 versions\n", (await Ok("history", "prune", "--keep", "2")).Out);
        Assert.Equal(2, (await Ok("history")).Out.Trim().Split('\n').Length);
        Assert.Equal(1, (await Run("history", "prune")).Code);
        Assert.Equal(1, (await Run("rollback", "99")).Code);
    }

    private static string SortLines(string s) => string.Concat(s.Split('\n').Where(l => l.Length > 0).OrderByDescending(l => l[0]).Select(l => l + "\n"));

    private async Task<(int Code, string Out, string Err)> Ok(params string[] args) => await Ok(args, null);

    private async Task<(int Code, string Out, string Err)> OkIn(string stdin, params string[] args) => await Ok(args, stdin);

    private async Task<(int Code, string Out, string Err)> Ok(string[] args, string? stdin)
    {
        var r = await Run(args, stdin);
        Assert.True(r.Code == 0, $"ipfsmount {string.Join(' ', args)} exited {r.Code}: {r.Err}");
        return r;
    }

    private Task<(int Code, string Out, string Err)> Run(params string[] args) => Run(args, null);

    private async Task<(int Code, string Out, string Err)> Run(string[] args, string? stdin)
    {
        var config = AppContext.BaseDirectory.Contains("/Debug/", StringComparison.Ordinal) ? "Debug" : "Release";
        var exe = Path.Combine(TestPaths.RepoRoot, "src", "IpfsMount.Cli", "bin", config, "net10.0", "ipfsmount");
        var psi = new ProcessStartInfo(exe)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["IPFSMOUNT_PATH"] = _repo;
        using var p = Process.Start(psi)!;
        try
        {
            if (stdin is not null) await p.StandardInput.WriteAsync(stdin);
            p.StandardInput.Close();
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            await p.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));
            return (p.ExitCode, await stdout, await stderr);
        }
        finally
        {
            if (!p.HasExited) p.Kill(entireProcessTree: true);
        }
    }
}
