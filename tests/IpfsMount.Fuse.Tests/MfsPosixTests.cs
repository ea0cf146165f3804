// POSIX behaviour of <mnt>/mfs through the real FUSE mount: each case runs the same shell steps under /mfs and in
// a local directory and expects the same output (content, sizes, modes, errors).
namespace IpfsMount.Fuse.Tests;

public sealed class MfsPosixTests(WritableMfsFixture fixture) : IClassFixture<WritableMfsFixture>
{
    private WritableMfsMount M => fixture.Mount;

    private const string Show = "show() { for f in \"$@\"; do if [ -d \"$f\" ]; then stat -c '%n dir %a' \"$f\"; " +
        "elif [ -L \"$f\" ]; then echo \"$f link $(readlink \"$f\")\"; else stat -c '%n file %s %a' \"$f\"; md5sum < \"$f\"; fi; done; }";

    private async Task AssertSameAsync(string name, string script)
    {
        var (mounted, local) = await M.RunBothAsync(name, Show + "\n" + script);
        Assert.False(string.IsNullOrWhiteSpace(local), "the script printed nothing");
        Assert.Equal(local, mounted);
    }

    [Fact]
    public Task Create_write_append_and_read_back_match_a_local_directory() => AssertSameAsync("create", """
        echo hello > f; cat f
        printf 'more' >> f; cat f; echo
        : > empty; show f empty
        ls
        """);

    [Fact]
    public Task O_TRUNC_and_O_EXCL_behave_as_on_a_local_directory() => AssertSameAsync("trunc-excl", """
        echo 'a long first line' > f; echo short > f; cat f
        set -o noclobber; echo again > f; echo "exit $?"; set +o noclobber
        python3 -c 'import os; os.open("g", os.O_CREAT|os.O_EXCL|os.O_WRONLY)'; echo "first $?"
        python3 -c 'import os
        try: os.open("g", os.O_CREAT|os.O_EXCL|os.O_WRONLY)
        except FileExistsError: print("EEXIST")'
        show f g
        """);

    [Fact]
    public Task Writes_at_any_offset_leave_holes_that_read_as_zeros() => AssertSameAsync("holes", """
        printf A | dd of=f bs=1 seek=3000000 conv=notrunc status=none
        printf BB | dd of=f bs=1 seek=10 conv=notrunc status=none
        head -c 300000 /dev/zero | tr '\0' 'x' | dd of=f bs=100000 seek=1 conv=notrunc status=none
        show f; od -An -c -j8 -N6 f; od -An -c -j2999998 f
        """);

    [Fact]
    public Task Truncate_up_and_down_matches_a_local_directory() => AssertSameAsync("truncate", """
        seq 1 100000 > f
        truncate -s 700000 f; show f
        truncate -s 12 f; show f; cat f
        truncate -s 0 f; show f
        python3 -c 'import os; fd=os.open("f", os.O_RDWR); os.write(fd, b"abcdef"); os.ftruncate(fd, 3); os.close(fd)'; cat f; echo
        """);

    [Fact]
    public Task Rename_over_a_file_and_of_directories_matches_a_local_directory() => AssertSameAsync("rename", """
        echo one > a; echo two > b; mv a b; cat b; ls
        mkdir -p x/y; echo z > x/y/f; mv x w; cat w/y/f
        mkdir e; mv w/y e/; find . | sort
        mkdir p q; touch q/f; mv -T p q; echo "exit $?"
        mkdir r; mv -T r p; ls
        mv e e/inside; echo "exit $?"
        mv b e; echo "exit $?"; ls e
        python3 -c 'import ctypes, os; libc = ctypes.CDLL(None, use_errno=True)
        r = libc.renameat2(-100, b"p", -100, b"q", 1); print("noreplace", r, os.strerror(ctypes.get_errno()))'
        """);

    [Fact]
    public Task An_unlinked_open_file_stays_readable_and_writable_until_closed() => AssertSameAsync("unlink-open", """
        seq 1 20000 > f
        exec 3< f 4>> f
        rm f; ls; test -e f; echo "exists $?"
        echo tail >&4
        tail -n 2 <&3
        exec 3<&- 4>&-
        ls
        """);

    [Fact]
    public Task Mkdir_rmdir_and_unlink_report_the_same_errors_as_a_local_directory() => AssertSameAsync("dirs", """
        mkdir d; mkdir d; echo "exit $?"
        touch d/f; rmdir d; echo "exit $?"
        unlink d; echo "exit $?"
        rmdir d/f; echo "exit $?"
        rm d/f; rmdir d; ls
        mkdir -p a/b/c; rm -r a; ls
        cat missing; echo "exit $?"
        touch nodir/x; echo "exit $?"
        """);

    [Fact]
    public Task Symlinks_and_readlink_match_a_local_directory() => AssertSameAsync("symlink", """
        echo target > t; ln -s t l; ln -s ../elsewhere/x dangling
        readlink l; readlink dangling; cat l; show l dangling
        ln -s t l; echo "exit $?"
        rm l; ls
        """);

    [Fact]
    public Task Chmod_and_touch_d_set_mode_and_mtime() => AssertSameAsync("chmod", """
        echo x > f; mkdir d
        chmod 640 f; chmod 700 d; show f d
        touch -d '2021-02-03 04:05:06 UTC' f; stat -c '%Y' f
        touch -m -d '@1600000000' d; stat -c '%Y' d
        chmod 4755 f; stat -c '%a' f
        """);

    [Fact]
    public Task Fsync_writes_through_and_the_data_reads_back() => AssertSameAsync("fsync", """
        dd if=/dev/zero of=f bs=4k count=3 conv=fsync status=none; show f
        python3 -c 'import os; fd=os.open("g", os.O_CREAT|os.O_WRONLY); os.write(fd, b"x"*5000); os.fsync(fd); os.fdatasync(fd); os.close(fd)'
        sync .; show g
        """);

    [Fact]
    public Task Concurrent_writers_to_different_files_all_land() => AssertSameAsync("concurrent", """
        for i in 1 2 3 4 5 6; do (for j in $(seq 1 200); do echo "writer $i line $j"; done > f$i; head -c $((i * 300000)) /dev/zero >> f$i) & done; wait
        show f1 f2 f3 f4 f5 f6
        """);
}
