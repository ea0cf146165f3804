// <mnt>/mfs@ on a real FUSE mount over a real repo: versions committed through the MfsTree (and through the CLI
// while `ipfsmount mount` runs) read back byte for byte under mfs@/<n>/ and mfs@/<root-cid>/, read-only, with ENOENT
// for versions and CIDs that are not in the history.
using IpfsMount.Daemon.Mount;
using IpfsMount.Mfs;
using IpfsMount.Storage;
using IpfsMount.Vfs;
using IpfsMount.Vfs.Dag;

namespace IpfsMount.Fuse.Tests;

public sealed class MfsVersionsMountTests
{
    [Fact]
    public async Task Older_versions_read_back_under_mfs_at_by_number_and_by_root_cid_and_refuse_writes()
    {
        var dir = Directory.CreateTempSubdirectory("ipfsmount-mfsat-");
        var big = Generate(1_048_577, 3);
        using var repo = Repo.Init(Path.Combine(dir.FullName, "repo"));
        var tree = await RepoMfs.OpenTreeAsync(repo, new MfsOptions { AutoCommitInterval = null, CommitOnLastClose = false });
        MountHost? host = null;
        try
        {
            await tree.WriteAllAsync("/a.txt", "one\n"u8.ToArray());
            await tree.MkdirAsync("/d");
            await tree.WriteAllAsync("/d/big.bin", big);
            var v1 = await tree.CommitAsync("first");
            await tree.WriteAllAsync("/a.txt", "two\n"u8.ToArray());
            await tree.RemoveAsync("/d/big.bin", recursive: false);
            await tree.WriteAllAsync("/b.txt", "bee\n"u8.ToArray());
            var v2 = await tree.CommitAsync("second");
            var aCid = (await tree.StatAsync("/a.txt")).Cid;

            var options = new MountHostOptions
            {
                MountPoint = Path.Combine(dir.FullName, "mnt"),
                RootLinks = false,
                MfsHistory = new RepoMfsVersionLog(repo.MfsRoots),
            };
            host = await MountHost.StartAsync(repo.Blocks, b => new UnixFsSource(b, new VfsOptions()), null, options);
            var at = Path.Combine(options.MountPoint, MfsVersionsNode.Name);

            Assert.Contains(MfsVersionsNode.Name, Names(options.MountPoint));
            Assert.Equal(["1", "2"], Names(at));
            Assert.Equal(["1", "2"], await DotEntries.AssertListedAsync(at));
            Assert.Equal(["a.txt", "d"], await DotEntries.AssertListedAsync(Path.Combine(at, "1")));
            Assert.Equal("one\n", await File.ReadAllTextAsync(Path.Combine(at, "1", "a.txt")));
            Assert.Equal("two\n", await File.ReadAllTextAsync(Path.Combine(at, "2", "a.txt")));
            Assert.Equal(big, await File.ReadAllBytesAsync(Path.Combine(at, "1", "d", "big.bin")));
            Assert.False(File.Exists(Path.Combine(at, "2", "d", "big.bin")));
            Assert.Equal("one\n", await File.ReadAllTextAsync(Path.Combine(at, v1.Root.ToString(), "a.txt")));
            Assert.Equal(["a.txt", "b.txt", "d"], Names(Path.Combine(at, v2.Root.ToString())).Order(StringComparer.Ordinal));
            Assert.Equal(v1.Root.ToString(), (await Shell.CheckAsync($"getfattr --only-values -n user.ipfs.cid '{at}/1'")).Trim());
            // a version is an /ipfs DAG: same inode as the CID under /ipfs
            Assert.Equal(await Shell.CheckAsync($"stat -c %i '{options.MountPoint}/ipfs/{v1.Root}'"), await Shell.CheckAsync($"stat -c %i '{at}/1'"));

            foreach (var write in new[] { $"echo x > '{at}/1/new.txt'", $"echo x >> '{at}/1/a.txt'", $"mkdir '{at}/1/sub'", $"rm '{at}/1/a.txt'",
                         $"mkdir '{at}/9'", $"mv '{at}/1/a.txt' '{at}/1/c.txt'", $"touch '{at}/2/b.txt'" })
            {
                var r = await Shell.RunAsync(write);
                Assert.True(r.ExitCode != 0 && r.Stderr.Contains("Read-only file system"), $"{write}: exit {r.ExitCode}, {r.Stderr}");
            }
            foreach (var missing in new[] { "3", "0", "01", "+1", "-1", "not-a-cid", aCid.ToString(), "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku" })
            {
                var r = await Shell.RunAsync($"stat '{at}/{missing}'");
                Assert.True(r.ExitCode != 0 && r.Stderr.Contains("No such file or directory"), $"mfs@/{missing}: exit {r.ExitCode}, {r.Stderr}");
            }

            // a new commit shows up in the listing (mfs@ itself is mutable: short cache times)
            await tree.WriteAllAsync("/c.txt", "sea\n"u8.ToArray());
            await tree.CommitAsync("third");
            Assert.Equal("sea\n", await File.ReadAllTextAsync(Path.Combine(at, "3", "c.txt")));
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (Directory.GetFileSystemEntries(at).Length < 3 && DateTime.UtcNow < deadline) await Task.Delay(200);
            Assert.Equal(["1", "2", "3"], Names(at));
        }
        finally
        {
            if (host is not null) await host.UnmountAsync();
            await tree.DisposeAsync();
            repo.Dispose();
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Files_written_through_the_cli_while_mounted_appear_in_mfs_and_each_version_under_mfs_at()
    {
        await using var mount = await MfsWrite.MfsMountProcess.StartAsync();
        var cli = $"'{MfsWrite.MfsMountProcess.Cli}' --repo-dir '{mount.RepoPath}'";
        var mountPoint = mount.MountPoint;

        // the mount holds the repo: these verbs must go through its API, onto the tree the mount serves
        await Cli($"printf v1 | {cli} files write -e /hello.txt");
        await Cli($"printf version-two | {cli} files write -e -t /hello.txt");
        Assert.Equal(2, (await Cli($"{cli} history")).Trim().Split('\n').Length);
        Assert.Equal("v1", await File.ReadAllTextAsync(Path.Combine(mountPoint, "mfs@", "1", "hello.txt")));
        Assert.Equal("version-two", await File.ReadAllTextAsync(Path.Combine(mountPoint, "mfs@", "2", "hello.txt")));
        var current = "";
        for (var wait = DateTime.UtcNow + TimeSpan.FromSeconds(5); current != "version-two" && DateTime.UtcNow < wait; await Task.Delay(100))
            current = await File.ReadAllTextAsync(Path.Combine(mountPoint, "mfs", "hello.txt"));
        Assert.Equal("version-two", current);
        await Cli($"{cli} rollback 1");
        Assert.Equal(["1", "2", "3"], Names(Path.Combine(mountPoint, "mfs@")));
        Assert.Equal("v1", await File.ReadAllTextAsync(Path.Combine(mountPoint, "mfs@", "3", "hello.txt")));
        Assert.Equal("v1", await Cli($"{cli} files read /hello.txt"));
        await Cli($"{cli} unmount '{mountPoint}'");
        Assert.False(MountTable.IsFuseMount(mountPoint));
    }

    private static async Task<string> Cli(string command)
    {
        var r = await Shell.RunAsync(command, TimeSpan.FromSeconds(90));
        Assert.True(r.ExitCode == 0, $"{command}: exit {r.ExitCode}: {r.Stderr}");
        return r.Stdout;
    }

    private static string[] Names(string directory) =>
        Directory.GetFileSystemEntries(directory).Select(p => Path.GetFileName(p)).ToArray();

    private static byte[] Generate(int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
