// What only /mfs of the mount does (no local equivalent): refused hard links, read-only /ipfs, statfs, big writes,
// the user.ipfs.cid xattr, and commits on fsync and on the last close.
namespace IpfsMount.Fuse.Tests;

public sealed class MfsMountTests(WritableMfsFixture fixture) : IClassFixture<WritableMfsFixture>
{
    private WritableMfsMount M => fixture.Mount;

    private async Task<string> RunAsync(string name, string script)
    {
        var dir = Path.Combine(M.Mfs, name);
        Directory.CreateDirectory(dir);
        return await WritableMfsMount.RunInAsync(dir, script);
    }

    [Fact]
    public async Task Ls_a_lists_dot_and_dotdot_with_their_inode_numbers_in_mfs_and_its_subdirectories()
    {
        var dir = Path.Combine(M.Mfs, "dots");
        Directory.CreateDirectory(Path.Combine(dir, "sub"));
        await File.WriteAllTextAsync(Path.Combine(dir, "f.txt"), "x");
        Assert.Equal(["f.txt", "sub"], (await DotEntries.AssertListedAsync(dir)).Order(StringComparer.Ordinal));
        Assert.Empty(await DotEntries.AssertListedAsync(Path.Combine(dir, "sub")));
        Assert.Contains("dots", await DotEntries.AssertListedAsync(M.Mfs));
    }

    [Fact]
    public async Task Hard_links_are_refused_with_EPERM_and_other_node_types_too()
    {
        var output = await RunAsync("links", """
            echo x > f; ln f g; echo "exit $?"; ls
            mkfifo p; echo "exit $?"
            python3 -c 'import os
            try: os.mknod("n", 0o644 | 0o100000); print("regular ok")
            except OSError as e: print(e.strerror)'
            ls
            """);
        Assert.Equal("""
            ln: failed to create hard link 'g' => 'f': Operation not permitted
            exit 1
            f
            mkfifo: cannot create fifo 'p': Operation not permitted
            exit 1
            regular ok
            f
            n

            """.Replace("\r", ""), output);
    }

    [Fact]
    public async Task Writes_under_ipfs_and_the_mount_root_fail_with_EROFS()
    {
        var output = await WritableMfsMount.RunInAsync(M.Mount.Path, """
            touch ipfs/x; echo "exit $?"
            mkdir newdir; echo "exit $?"
            mv mfs mfs2; echo "exit $?"
            """);
        Assert.Equal("""
            touch: cannot touch 'ipfs/x': Read-only file system
            exit 1
            mkdir: cannot create directory 'newdir': Read-only file system
            exit 1
            mv: cannot move 'mfs' to 'mfs2': Read-only file system
            exit 1

            """, output);
    }

    [Fact]
    public async Task Chown_to_another_owner_is_EPERM_and_rename_exchange_is_EINVAL()
    {
        var output = await RunAsync("chown", """
            echo x > f; echo y > g
            chown 0:0 f; echo "same owner $?"
            chown 1234 f; echo "exit $?"
            python3 -c 'import ctypes, os; libc = ctypes.CDLL(None, use_errno=True)
            r = libc.renameat2(-100, b"f", -100, b"g", 2); print("exchange", r, os.strerror(ctypes.get_errno()))'
            cat f g
            """);
        Assert.Equal("""
            same owner 0
            chown: changing ownership of 'f': Operation not permitted
            exit 1
            exchange -1 Invalid argument
            x
            y

            """, output);
    }

    [Fact]
    public async Task Statfs_reports_the_space_of_the_store_behind_mfs()
    {
        var output = (await RunAsync("statfs", "stat -f -c '%S %b %a %l' .")).Split(' ');
        var drive = new DriveInfo(Path.GetTempPath());
        Assert.Equal(256 * 1024, long.Parse(output[0]));
        Assert.Equal(drive.TotalSize / (256 * 1024), long.Parse(output[1]));
        Assert.InRange(long.Parse(output[2]) * 256 * 1024, drive.AvailableFreeSpace / 2, drive.TotalSize);
        Assert.Equal(255, long.Parse(output[3]));
        var df = await Shell.CheckAsync($"df --output=size '{M.Mfs}' | tail -1");
        Assert.True(long.Parse(df.Trim()) > 0, df);
    }

    [Fact]
    public async Task Sequential_writes_arrive_as_one_MiB_requests()
    {
        Assert.True(M.Mount.Mount.Negotiation!.MaxWrite >= 1 << 20, $"max_write {M.Mount.Mount.Negotiation.MaxWrite}");
        await RunAsync("big", "dd if=/dev/zero of=f bs=1M count=8 status=none");
        Assert.Equal(1 << 20, M.Mount.Vfs.Statistics.LargestWrite);
        Assert.Equal(8L << 20, new FileInfo(Path.Combine(M.Mfs, "big", "f")).Length);
    }

    [Fact]
    public async Task The_cid_xattr_of_every_mfs_path_is_the_node_cid_now()
    {
        await RunAsync("xattr", "mkdir d; echo hello > d/f; ln -s f d/l");
        // (Linux refuses user.* attributes on symlinks before FUSE sees the request: files and directories only)
        foreach (var path in new[] { "/xattr/d/f", "/xattr/d", "/xattr", "/" })
        {
            var value = await Shell.CheckAsync($"getfattr --only-values -n user.ipfs.cid '{M.Mfs}{path.TrimEnd('/')}'");
            Assert.Equal((await M.Tree.StatAsync(path)).Cid.ToString(), value);
        }
        // a changed file shows its new CID at once
        var before = await Shell.CheckAsync($"getfattr --only-values -n user.ipfs.cid '{M.Mfs}/xattr/d/f'");
        await RunAsync("xattr", "echo more >> d/f");
        var after = await Shell.CheckAsync($"getfattr --only-values -n user.ipfs.cid '{M.Mfs}/xattr/d/f'");
        Assert.NotEqual(before, after);
        Assert.Equal("hello\nmore\n"u8.ToArray(), await M.Tree.ReadAllAsync("/xattr/d/f"));
    }

    [Fact]
    public async Task Fsync_and_the_last_close_of_a_changed_file_each_commit_a_version()
    {
        var fsynced = M.Tree.Head?.Number ?? 0;
        await RunAsync("commit", "python3 -c 'import os; fd=os.open(\"f\", os.O_CREAT|os.O_WRONLY); os.write(fd, b\"x\"); os.fsync(fd); print(\"synced\"); import time; time.sleep(0.3); os.close(fd)'");
        Assert.True(M.Tree.Head!.Number > fsynced);
        var committed = await MfsHistoryRoot("/commit/f");
        Assert.Equal("x"u8.ToArray(), committed);

        await RunAsync("commit", "printf yz >> f");
        // release (the last close) reaches the file system just after close(2) returns
        for (var i = 0; i < 100 && (await MfsHistoryRoot("/commit/f")).Length != 3; i++) await Task.Delay(50);
        Assert.Equal("xyz"u8.ToArray(), await MfsHistoryRoot("/commit/f"));
        Assert.False(M.Tree.IsDirty);
    }

    /// <summary>The file's bytes in the newest committed version (read through /ipfs/&lt;root of that version&gt;).</summary>
    private async Task<byte[]> MfsHistoryRoot(string path)
    {
        var head = M.Tree.Head ?? throw new InvalidOperationException("nothing committed yet");
        return await File.ReadAllBytesAsync(M.Mount.Path + "/ipfs/" + head.Root + path);
    }
}
