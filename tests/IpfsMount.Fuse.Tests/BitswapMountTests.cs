// Issue 7 through a mount: a real `ipfsmount mount` process with the network on (127.0.0.1 only) reads a file held
// only by a Helia peer (tests/interop/bitswap-peer.mjs) over Bitswap, keeps the blocks, and fails with EIO (not a
// hang) for a block nobody has.
using System.Diagnostics;
using System.Security.Cryptography;
using IpfsMount.Daemon.Mount;
using IpfsMount.Testing;

namespace IpfsMount.Fuse.Tests;

public sealed class BitswapMountTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Cp_out_of_the_mount_copies_a_file_only_a_Helia_peer_holds_and_the_blocks_stay_in_the_repo()
    {
        var work = Directory.CreateTempSubdirectory("ipfsmount-bitswap-mount-").FullName;
        var content = new byte[6_500_000]; // 25 leaves of 256 KiB and a root: a multi-block file
        new Random(77).NextBytes(content);
        var source = Path.Combine(work, "source.bin");
        await File.WriteAllBytesAsync(source, content);

        var helia = await StartHeliaAsync();
        MfsWrite.MfsMountProcess? started = null;
        try
        {
            var mount = started = await StartMountAsync(work, blockTimeoutSeconds: 60);
            var cid = (await helia.CommandAsync(new { cmd = "add-file", path = source }, Step)).GetProperty("cid").GetString()!;
            var connect = await CliAsync(mount, $"swarm connect {helia.Addr}");
            Assert.Equal($"connect {helia.PeerId} success\n", connect);

            var copy = Path.Combine(work, "copy.bin");
            var cp = await Shell.RunAsync($"cp '{mount.MountPoint}/ipfs/{cid}' '{copy}'", Step);
            Assert.True(cp.ExitCode == 0, cp.Stderr);
            Assert.Equal(SHA256.HashData(content), SHA256.HashData(await File.ReadAllBytesAsync(copy)));

            // The peer is gone: the bytes now come from the repo (cat through the mount's API, then offline).
            await helia.DisposeAsync();
            var peers = await CliAsync(mount, "swarm peers");
            for (var i = 0; i < 50 && peers.Length > 0; i++)
            {
                await Task.Delay(200);
                peers = await CliAsync(mount, "swarm peers");
            }
            Assert.Equal("", peers);
            var catPath = Path.Combine(work, "cat.bin");
            await CliAsync(mount, $"cat {cid} > '{catPath}'");
            Assert.Equal(content, await File.ReadAllBytesAsync(catPath));

            Assert.Equal(0, await mount.UnmountAsync());
            File.Delete(catPath);
            await CliAsync(mount, $"cat {cid} > '{catPath}'"); // no daemon now: straight from the repo on disk
            Assert.Equal(content, await File.ReadAllBytesAsync(catPath));
        }
        finally
        {
            if (started is not null) await started.DisposeAsync();
            await helia.DisposeAsync();
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public async Task A_CID_that_neither_the_repo_nor_a_connected_peer_has_fails_with_EIO_after_the_block_timeout()
    {
        var work = Directory.CreateTempSubdirectory("ipfsmount-bitswap-eio-").FullName;
        var helia = await StartHeliaAsync();
        MfsWrite.MfsMountProcess? started = null;
        try
        {
            var mount = started = await StartMountAsync(work, blockTimeoutSeconds: 3);
            await CliAsync(mount, $"swarm connect {helia.Addr}");
            var nobodyHasIt = "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy"; // a raw block neither side stores
            var watch = Stopwatch.StartNew();
            var cat = await Shell.RunAsync($"cat '{mount.MountPoint}/ipfs/{nobodyHasIt}'", TimeSpan.FromSeconds(60));
            watch.Stop();
            Assert.NotEqual(0, cat.ExitCode);
            Assert.Contains("Input/output error", cat.Stderr);
            Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30));
            // The mount still answers while and after that read waited.
            Assert.Equal(["ipfs", "ipns", "mfs", "mfs@"], Directory.GetFileSystemEntries(mount.MountPoint).Select(p => Path.GetFileName(p)!).Order());
        }
        finally
        {
            if (started is not null) await started.DisposeAsync();
            await helia.DisposeAsync();
            Directory.Delete(work, recursive: true);
        }
    }

    private static Task<JsonLinePeer> StartHeliaAsync() =>
        JsonLinePeer.StartAsync(TestRepo.Node, ["bitswap-peer.mjs"], TestRepo.InteropDir, TimeSpan.FromSeconds(60));

    /// <summary>`ipfsmount mount` with the network on, listening on 127.0.0.1 only (ephemeral port), over work/repo.</summary>
    private static async Task<MfsWrite.MfsMountProcess> StartMountAsync(string work, int blockTimeoutSeconds) =>
        await MfsWrite.MfsMountProcess.StartAsync(Path.Combine(work, "repo"), ["--no-root-links", "--block-timeout", blockTimeoutSeconds.ToString()],
            new Dictionary<string, string> { ["IPFSMOUNT_SWARM_LISTEN"] = "/ip4/127.0.0.1/tcp/0" });

    /// <summary>Runs `ipfsmount --repo-dir &lt;repo&gt; <paramref name="args"/>` (a shell line); returns stdout, fails on a non-zero exit.</summary>
    private static async Task<string> CliAsync(MfsWrite.MfsMountProcess mount, string args)
    {
        var r = await mount.RunCliAsync(args, Step);
        Assert.True(r.ExitCode == 0, $"ipfsmount {args} failed: {r.Stderr}");
        return r.Stdout;
    }
}
