// Ordinary tools against a real mount of imported UnixFS content: cp, cat, random reads, find, ls, tar, grep, mmap, xattrs.
using System.IO.MemoryMappedFiles;

namespace IpfsMount.Fuse.Tests;

public sealed class MountedContentTests(ContentFixture content) : IClassFixture<ContentFixture>
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Cp_r_out_of_the_mount_gives_a_byte_identical_tree()
    {
        var copy = Path.Combine(Path.GetTempPath(), "ipfsmount-copy-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            await Shell.CheckAsync($"cp -r '{content.MountedRoot}' '{copy}'", Long);
            var diff = await Shell.RunAsync($"diff -r --no-dereference '{content.SourceRoot}' '{copy}'", Long);
            Assert.True(diff.ExitCode == 0, diff.Stdout + diff.Stderr);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Fact]
    public async Task Cat_of_a_large_file_has_the_sources_sha256()
    {
        var mounted = (await Shell.CheckAsync($"cat '{content.MountedRoot}/big.bin' | sha256sum", Long)).Split(' ')[0];
        Assert.Equal(ContentFixture.Sha256(content.SourcePath("big.bin")).ToLowerInvariant(), mounted);
        File.WriteAllText("/tmp/largest-read.txt", content.Mount.Vfs.Statistics.LargestRead.ToString());
    }

    [Fact]
    public async Task Reads_at_random_offsets_from_concurrent_readers_match_the_source()
    {
        var source = await File.ReadAllBytesAsync(content.SourcePath("big.bin"));
        var path = Path.Combine(content.MountedRoot, "big.bin");
        await Parallel.ForAsync(0, 4, async (reader, ct) =>
        {
            var random = new Random(reader);
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.RandomAccess);
            for (var i = 0; i < 60; i++)
            {
                var offset = random.NextInt64(source.Length + 100);
                var buffer = new byte[random.Next(1, 300_000)];
                var n = await RandomAccess.ReadAsync(stream.SafeFileHandle, buffer, offset, ct);
                var expected = (int)Math.Clamp(source.Length - offset, 0, buffer.Length);
                Assert.Equal(expected, n);
                Assert.True(buffer.AsSpan(0, n).SequenceEqual(source.AsSpan((int)Math.Min(offset, source.Length), n)), $"bytes at {offset}");
            }
        });
    }

    [Fact]
    public async Task Ls_a_lists_dot_and_dotdot_with_their_inode_numbers_in_a_cid_directory_and_below()
    {
        var top = await DotEntries.AssertListedAsync(content.MountedRoot);
        Assert.Equal(Directory.GetFileSystemEntries(content.SourceRoot).Select(Path.GetFileName).Order(StringComparer.Ordinal),
            top.Order(StringComparer.Ordinal));
        await DotEntries.AssertListedAsync(Path.Combine(content.MountedRoot, "docs"));
        // `..` of /ipfs/<cid> is /ipfs, and of /ipfs the mount root
        Assert.Equal(await Shell.CheckAsync($"stat -c %i '{content.Mount.Path}/ipfs'"),
            await Shell.CheckAsync($"cd '{content.MountedRoot}' && ls -a1i | awk '$2 == \"..\" {{print $1}}'"));
        await DotEntries.AssertListedAsync(Path.Combine(content.Mount.Path, "ipfs"));
    }

    [Fact]
    public async Task Find_lists_the_same_paths_types_modes_sizes_and_mtimes_as_the_source()
    {
        const string format = "find . -printf '%P %y %m %s %TY-%Tm-%Td+%TH:%TM\\n' | grep -v ' d ' | sort; find . -type d -printf '%P %y\\n' | sort";
        var expected = await Shell.CheckAsync($"cd '{content.SourceRoot}' && {format}");
        var actual = await Shell.CheckAsync($"cd '{content.MountedRoot}' && {format}", Long);
        Assert.Equal(expected, actual);
        Assert.Contains("docs/notes.txt f 640", actual);
    }

    [Fact]
    public async Task Ls_lR_shows_the_same_names_and_file_sizes_as_the_source()
    {
        const string filter = "ls -lR --time-style=+%s | awk '/^-|^l/ {print $5, $7, $8, $9}'";
        Assert.Equal(await Shell.CheckAsync($"cd '{content.SourceRoot}' && {filter}"),
            await Shell.CheckAsync($"cd '{content.MountedRoot}' && {filter}", Long));
    }

    [Fact]
    public async Task Tar_of_the_mount_extracts_to_the_source_tree()
    {
        var extract = Path.Combine(Path.GetTempPath(), "ipfsmount-tar-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(extract);
        try
        {
            await Shell.CheckAsync($"tar c -C '{content.MountedRoot}' . | tar x -C '{extract}'", Long);
            var diff = await Shell.RunAsync($"diff -r --no-dereference '{content.SourceRoot}' '{extract}'", Long);
            Assert.True(diff.ExitCode == 0, diff.Stdout + diff.Stderr);
        }
        finally
        {
            Directory.Delete(extract, recursive: true);
        }
    }

    [Fact]
    public async Task Grep_r_finds_the_same_files_as_in_the_source()
    {
        var command = $"grep -rl {ContentFixture.Marker} . | sort";
        var expected = await Shell.CheckAsync($"cd '{content.SourceRoot}' && {command}");
        Assert.Equal(2, expected.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(expected, await Shell.CheckAsync($"cd '{content.MountedRoot}' && {command}", Long));
    }

    [Fact]
    public async Task Memory_mapped_reads_see_the_files_bytes()
    {
        var source = await File.ReadAllBytesAsync(content.SourcePath("a/sizes/s1048593.bin"));
        using var map = MemoryMappedFile.CreateFromFile(Path.Combine(content.MountedRoot, "a/sizes/s1048593.bin"),
            FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        using var view = map.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
        foreach (var offset in new long[] { 0, 4095, 262_144, 524_289, source.Length - 1 })
        {
            Assert.Equal(source[offset], view.ReadByte(offset));
        }
        var chunk = new byte[8192];
        view.ReadArray(1_000_000, chunk, 0, chunk.Length);
        Assert.Equal(source.AsSpan(1_000_000, 8192).ToArray(), chunk);
    }

    [Fact]
    public async Task Getfattr_user_ipfs_cid_names_the_cid_of_every_path()
    {
        // (Linux allows user.* attributes only on files and directories, so symlinks are not asked.)
        foreach (var relative in new[] { "", "docs", "docs/readme.md", "a/b/c/deep.txt", "a/sizes/s1.bin", "emptydir" })
        {
            var importPath = relative.Length == 0 ? "tree" : "tree/" + relative;
            var value = await Shell.CheckAsync($"getfattr -h --only-values -n user.ipfs.cid '{Path.Combine(content.MountedRoot, relative)}'");
            Assert.Equal(content.Cids[importPath].ToString(), value);
        }
    }

    [Fact]
    public async Task A_10000_entry_hamt_directory_lists_every_name()
    {
        var node = await new IpfsMount.UnixFs.UnixFsResolver(content.Blocks).GetNodeAsync(content.Hamt);
        Assert.Equal(IpfsMount.UnixFs.UnixFsNodeKind.HamtDirectory, node.Kind);
        var dir = Path.Combine(content.Mount.Path, "ipfs", content.Hamt.ToString());
        var names = (await Shell.CheckAsync($"ls -1 '{dir}'", Long)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(content.HamtNames, names);
        var long_ = (await Shell.CheckAsync($"ls -l '{dir}' | grep -c '^-rw-r--r-- 1 .* 12 '", Long)).Trim();
        Assert.Equal("10000", long_);
        Assert.Equal("hello world\n", await File.ReadAllTextAsync(Path.Combine(dir, "entry-09999.txt")));
    }

    [Fact]
    public async Task Ls_l_of_the_10000_entry_directory_again_is_served_by_the_kernel_caches_in_a_handful_of_requests()
    {
        var dir = Path.Combine(content.Mount.Path, "ipfs", content.Hamt.ToString());
        var requests = content.Mount.Mount.Requests;
        await Shell.CheckAsync($"ls -l '{dir}' > /dev/null", Long);
        var before = requests.Snapshot();
        var listing = await Shell.CheckAsync($"ls -l '{dir}' | grep -c '^-rw-r--r-- 1 .* 12 '", Long);
        var after = requests.Snapshot();
        Assert.Equal("10000", listing.Trim());
        var spent = after.Sum(kv => kv.Value - before.GetValueOrDefault(kv.Key));
        // Entries, attributes and the listing stay cached (365-day timeouts, cache_readdir); security.selinux and
        // the ACL are "not supported", which ls remembers for the file system after the first file.
        Assert.True(spent < 50, $"{spent} requests: {string.Join(", ", after.Select(kv => $"{kv.Key} {kv.Value - before.GetValueOrDefault(kv.Key)}"))}");
    }

    [Fact]
    public async Task Xattrs_outside_the_user_namespace_are_not_supported_and_unknown_user_names_are_absent()
    {
        var file = Path.Combine(content.MountedRoot, "small.txt");
        var selinux = await Shell.RunAsync($"getfattr -n security.selinux '{file}'");
        Assert.Contains("Operation not supported", selinux.Stderr);
        var acl = await Shell.RunAsync($"getfattr -n system.posix_acl_access '{file}'");
        Assert.Contains("Operation not supported", acl.Stderr);
        var unknown = await Shell.RunAsync($"getfattr -n user.no.such.name '{file}'");
        Assert.Contains("No such attribute", unknown.Stderr);
        var cid = await Shell.CheckAsync($"getfattr --only-values -n user.ipfs.cid '{file}'");
        Assert.Equal(content.Cids["tree/small.txt"].ToString(), cid);
    }

    [Fact]
    public async Task Paths_that_are_not_cids_or_not_present_fail_with_enoent()
    {
        var ipfs = Path.Combine(content.Mount.Path, "ipfs");
        foreach (var bad in new[] { "not-a-cid", "QmInvalidBase58!!", "bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi",
                     content.Root + "/no-such-file" })
        {
            var r = await Shell.RunAsync($"stat '{ipfs}/{bad}'");
            Assert.NotEqual(0, r.ExitCode);
            Assert.Contains("No such file or directory", r.Stderr);
        }
        Assert.Empty(Directory.GetFileSystemEntries(ipfs)); // /ipfs lists nothing
        Assert.Equal(["ipfs", "ipns", "mfs"], Directory.GetFileSystemEntries(content.Mount.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task Writes_under_ipfs_fail_with_erofs()
    {
        foreach (var command in new[] { $"touch '{content.MountedRoot}/new'", $"mkdir '{content.MountedRoot}/d'",
                     $"echo x >> '{content.MountedRoot}/small.txt'", $"rm '{content.MountedRoot}/small.txt'",
                     $"mv '{content.MountedRoot}/small.txt' '{content.MountedRoot}/moved'", $"mkdir '{content.Mount.Path}/ipfs/x'" })
        {
            var r = await Shell.RunAsync(command);
            Assert.Contains("Read-only file system", r.Stderr);
        }
        Assert.Equal("hello world\n", await File.ReadAllTextAsync(Path.Combine(content.MountedRoot, "small.txt")));
    }

    [Fact]
    public async Task Symlinks_resolve_inside_the_mount()
    {
        Assert.Equal("../small.txt", (await Shell.CheckAsync($"readlink '{content.MountedRoot}/a/link-to-small'")).Trim());
        Assert.Equal("hello world\n", await File.ReadAllTextAsync(Path.Combine(content.MountedRoot, "a/link-to-small")));
    }
}
