// End to end through `ipfsmount mount`: what is written under <mnt>/mfs is committed, survives unmount and remount
// of the same repo, and `ipfsmount files stat` / `history` show the committed version.
using System.Diagnostics;
using IpfsMount.Daemon.Mount;

namespace IpfsMount.Fuse.Tests;

public sealed class MfsRemountTests
{
    private static string Cli => Path.Combine(RepoRoot.Path, "src", "IpfsMount.Cli", "bin",
        AppContext.BaseDirectory.Contains("/Debug/", StringComparison.Ordinal) ? "Debug" : "Release", "net10.0", "ipfsmount");

    [Fact]
    public async Task The_mfs_tree_written_through_the_mount_is_intact_after_unmount_and_remount()
    {
        Assert.True(File.Exists(Cli), $"build the CLI first: {Cli} is missing");
        var top = Path.Combine(Path.GetTempPath(), "ipfsmount-remount-" + Guid.NewGuid().ToString("N")[..12]);
        var repo = Path.Combine(top, "repo");
        var mountPoint = Path.Combine(top, "mnt");
        Directory.CreateDirectory(mountPoint);
        try
        {
            const string script = """
                mkdir -p docs/sub; seq 1 50000 > docs/numbers.txt; echo hi > docs/sub/hello.txt
                ln -s sub/hello.txt docs/link; chmod 600 docs/sub/hello.txt
                head -c 3000000 /dev/zero | tr '\0' 'q' > big.bin; mv docs/numbers.txt docs/n.txt
                """;
            var listing = "find . -printf '%p %y %s %m\\n' | sort; md5sum docs/n.txt big.bin docs/sub/hello.txt; readlink docs/link";
            string before;
            await using (var first = await StartMountAsync(repo, mountPoint))
            {
                await WritableMfsMount.RunInAsync(Path.Combine(mountPoint, "mfs"), script);
                before = await WritableMfsMount.RunInAsync(Path.Combine(mountPoint, "mfs"), listing);
            }
            Assert.Contains("./docs/n.txt f 288894 644", before);
            Assert.Contains("./docs/sub/hello.txt f 3 600", before);

            var stat = await Shell.RunAsync($"'{Cli}' --repo-dir '{repo}' files stat /docs/n.txt");
            Assert.True(stat.ExitCode == 0, stat.Stderr);
            Assert.Contains("Size: 288894", stat.Stdout);
            var history = await Shell.CheckAsync($"'{Cli}' --repo-dir '{repo}' history");
            var head = history.Trim().Split('\n')[^1].Split('\t');
            var rootStat = await Shell.CheckAsync($"'{Cli}' --repo-dir '{repo}' files stat --hash /");
            Assert.Equal(head[2], rootStat.Trim());

            await using (var second = await StartMountAsync(repo, mountPoint))
            {
                Assert.Equal(before, await WritableMfsMount.RunInAsync(Path.Combine(mountPoint, "mfs"), listing));
                var cid = await Shell.CheckAsync($"getfattr --only-values -n user.ipfs.cid '{mountPoint}/mfs'");
                Assert.Equal(head[2], cid);
            }
        }
        finally
        {
            if (MountTable.IsFuseMount(mountPoint)) await Shell.RunAsync($"umount -l '{mountPoint}'", TimeSpan.FromSeconds(10));
            Directory.Delete(top, recursive: true);
        }
    }

    private static async Task<MountProcess> StartMountAsync(string repo, string mountPoint)
    {
        var child = Process.Start(new ProcessStartInfo(Cli, ["--repo-dir", repo, "mount", mountPoint, "--no-root-links", "--offline"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var apiFile = Path.Combine(repo, "api");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (!(MountTable.IsFuseMount(mountPoint) && File.Exists(apiFile)) && !child.HasExited && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        if (!MountTable.IsFuseMount(mountPoint))
        {
            if (!child.HasExited) child.Kill();
            throw new InvalidOperationException("the mount did not start: " + await child.StandardError.ReadToEndAsync());
        }
        return new MountProcess(child, mountPoint);
    }

    private sealed class MountProcess(Process child, string mountPoint) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                var unmount = await Shell.RunAsync($"'{Cli}' unmount '{mountPoint}'", TimeSpan.FromSeconds(60));
                Assert.True(unmount.ExitCode == 0, unmount.Stderr);
                await child.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
                Assert.Equal(0, child.ExitCode);
            }
            finally
            {
                if (!child.HasExited) child.Kill();
                child.Dispose();
            }
        }
    }
}
