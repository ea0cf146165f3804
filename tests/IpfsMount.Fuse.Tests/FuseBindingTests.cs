// The binding against a real kernel mount, with in-memory nodes: lookup, read, readdirplus, xattrs, EROFS, timeouts.
using System.Text;
using IpfsMount.Vfs;

namespace IpfsMount.Fuse.Tests;

public sealed class FuseBindingTests
{
    private static (MemoryDirectory Root, byte[] Big) Tree()
    {
        var big = new byte[5 * 1024 * 1024 + 123];
        new Random(7).NextBytes(big);
        var sub = new MemoryDirectory();
        sub.Children["hello.txt"] = new MemoryFile(Encoding.UTF8.GetBytes("hello fuse\n"));
        var root = new MemoryDirectory();
        root.Children["big.bin"] = new MemoryFile(big);
        root.Children["sub"] = sub;
        return (root, big);
    }

    [Fact]
    public async Task A_mounted_tree_lists_reads_and_reports_attributes_like_a_local_disk()
    {
        var (root, big) = Tree();
        await using var m = await TestMount.StartAsync(root);
        Assert.Equal(["big.bin", "sub"], Directory.GetFileSystemEntries(m.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("hello fuse\n", await File.ReadAllTextAsync(Path.Combine(m.Path, "sub", "hello.txt")));
        Assert.Equal(big, await File.ReadAllBytesAsync(Path.Combine(m.Path, "big.bin")));
        var info = new FileInfo(Path.Combine(m.Path, "big.bin"));
        Assert.Equal(big.Length, info.Length);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000).UtcDateTime, info.LastWriteTimeUtc);
        Assert.Equal("directory", (await Shell.CheckAsync($"getfattr --only-values -n user.test.kind '{m.Path}/sub'")).Trim());
        Assert.NotNull(m.Mount.Negotiation);
        Assert.True(m.Mount.Negotiation!.MaxWrite >= 1 << 20, $"max_write {m.Mount.Negotiation.MaxWrite}");
    }

    [Fact]
    public async Task As_root_the_mount_sets_its_bdi_read_ahead_to_the_configured_size_and_init_keeps_it()
    {
        if (!Environment.IsPrivilegedProcess) return; // not root: the mount logs that it keeps the default instead
        var (root, big) = Tree();
        foreach (var kb in new[] { 4096, 2048 })
        {
            await using var m = await TestMount.StartAsync(root, fuse: new FuseMountOptions { MaxReadaheadBytes = kb * 1024 });
            Assert.Equal(kb, m.Mount.ReadaheadKb);
            var device = await Shell.CheckAsync($"mountpoint -d '{m.Path}'");
            Assert.Equal($"/sys/class/bdi/{device.Trim()}/read_ahead_kb", m.Mount.ReadaheadFile);
            Assert.Equal((uint)kb * 1024, m.Mount.Negotiation!.MaxReadahead);
            // after INIT (which lowers the bdi to min(bdi, max_readahead)) and a sequential read, the kernel still has ours
            Assert.Equal(big, await File.ReadAllBytesAsync(Path.Combine(m.Path, "big.bin")));
            Assert.Equal(kb.ToString(System.Globalization.CultureInfo.InvariantCulture), (await File.ReadAllTextAsync(m.Mount.ReadaheadFile!)).Trim());
        }
    }

    [Fact]
    public async Task Writes_fail_with_read_only_file_system()
    {
        var (root, _) = Tree();
        await using var m = await TestMount.StartAsync(root);
        var r = await Shell.RunAsync($"echo x > '{m.Path}/new.txt'; echo $?; mkdir '{m.Path}/d' 2>&1; echo x >> '{m.Path}/big.bin'");
        Assert.Contains("Read-only file system", r.Stderr + r.Stdout);
        Assert.False(File.Exists(Path.Combine(m.Path, "new.txt")));
        var e = Assert.ThrowsAny<IOException>(() => File.OpenWrite(Path.Combine(m.Path, "big.bin")).Dispose());
        Assert.Equal(30, e.HResult & 0xFFFF); // EROFS
    }

    [Fact]
    public async Task A_read_waiting_for_a_missing_block_fails_with_eio_after_the_timeout_without_blocking_other_operations()
    {
        var (root, big) = Tree();
        var stuck = new MemoryFile(new byte[1000]) { Gate = new TaskCompletionSource() };
        root.Children["stuck.bin"] = stuck;
        await using var m = await TestMount.StartAsync(root, new VfsOptions { BlockTimeout = TimeSpan.FromSeconds(3) });
        var started = DateTime.UtcNow;
        var stuckRead = Shell.RunAsync($"cat '{m.Path}/stuck.bin' > /dev/null", TimeSpan.FromSeconds(30));
        var stuckRead2 = Shell.RunAsync($"dd if='{m.Path}/stuck.bin' of=/dev/null bs=1 skip=500 count=1", TimeSpan.FromSeconds(30));
        await Task.Delay(300);
        // While both reads wait, the rest of the mount answers at once.
        Assert.Equal(big, await File.ReadAllBytesAsync(Path.Combine(m.Path, "big.bin")));
        Assert.Contains("hello.txt", await Shell.CheckAsync($"ls -l '{m.Path}/sub'", TimeSpan.FromSeconds(2)));
        Assert.False(stuckRead.IsCompleted);
        var r = await stuckRead;
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("Input/output error", r.Stderr);
        Assert.InRange((DateTime.UtcNow - started).TotalSeconds, 2.5, 20);
        Assert.Contains("Input/output error", (await stuckRead2).Stderr);
        Assert.True(m.Vfs.Statistics.Timeouts >= 2);
    }

    [Fact]
    public async Task Unmount_completes_while_a_file_is_held_open()
    {
        var (root, _) = Tree();
        var m = await TestMount.StartAsync(root);
        var holder = new FileStream(Path.Combine(m.Path, "big.bin"), FileMode.Open, FileAccess.Read);
        try
        {
            Assert.Equal(4096, await holder.ReadAsync(new byte[4096]));
            var unmount = m.Mount.UnmountAsync();
            Assert.Same(unmount, await Task.WhenAny(unmount, Task.Delay(TimeSpan.FromSeconds(15))));
            Assert.True(m.Mount.Completion.IsCompleted);
            Assert.DoesNotContain(m.Path, await File.ReadAllTextAsync("/proc/self/mounts"));
        }
        finally
        {
            try { holder.Dispose(); } catch (IOException) { }
            await m.DisposeAsync();
        }
    }

    [Fact]
    public async Task Forgotten_inodes_leave_the_table()
    {
        var (root, _) = Tree();
        await using var m = await TestMount.StartAsync(root, new VfsOptions { ImmutableCacheTimeout = TimeSpan.Zero });
        await File.ReadAllTextAsync(Path.Combine(m.Path, "sub", "hello.txt"));
        Assert.True(m.Vfs.LiveInodes >= 3);
        await File.WriteAllTextAsync("/proc/sys/vm/drop_caches", "2"); // the kernel forgets unused dentries and inodes
        for (var i = 0; i < 100 && m.Vfs.LiveInodes > 1; i++) await Task.Delay(20);
        Assert.Equal(1, m.Vfs.LiveInodes);
    }
}
