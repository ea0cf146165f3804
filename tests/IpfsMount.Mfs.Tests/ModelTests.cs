// Model-based test: random create/write-at-offset/truncate/rename/unlink/mkdir/rmdir sequences applied to the MFS
// and to a real temp directory; after every step both trees (names, kinds, bytes) must be identical.
using IpfsMount.Core;
using IpfsMount.UnixFs;

namespace IpfsMount.Mfs.Tests;

public sealed class ModelTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Random_operation_sequences_match_a_local_directory(int seed)
    {
        var local = Directory.CreateTempSubdirectory("mfs-model-");
        var store = new MemoryBlockStore();
        var log = new MemoryMfsVersionLog();
        var layout = MfsLayout.KuboV0 with { ChunkSize = 32, MaxLinks = 3 };
        var tree = await Trees.NewAsync(store, layout, log, commitOnClose: seed == 3);
        try
        {
            var rng = new Random(seed);
            int applied = 0;
            for (int step = 0; step < 1000; step++)
            {
                string what = await ApplyRandomAsync(rng, tree, local.FullName);
                if (what.Length > 0) applied++;
                if (rng.Next(20) == 0) await tree.CommitAsync();
                if (rng.Next(100) == 0)
                {
                    await tree.CommitAsync();
                    await tree.DisposeAsync();
                    tree = await Trees.NewAsync(store, layout, log, commitOnClose: seed == 3);
                }
                await AssertSameAsync(tree, local.FullName, $"seed {seed} step {step} ({what})");
            }
            Assert.True(applied > 900, $"only {applied} operations applied");
            // However the tree got there, its root CID is the one of the same tree written afresh.
            await using var fresh = await Trees.NewAsync(layout: layout);
            foreach (var d in Directory.GetDirectories(local.FullName, "*", SearchOption.AllDirectories))
                await fresh.MkdirAsync(Rel(local.FullName, d), parents: true);
            foreach (var f in Directory.GetFiles(local.FullName, "*", SearchOption.AllDirectories))
                await fresh.WriteAllAsync(Rel(local.FullName, f), File.ReadAllBytes(f));
            Assert.Equal((await fresh.StatAsync("/")).Cid, (await tree.StatAsync("/")).Cid);
            // … and the UnixFS importer's CID of the local directory with the same settings.
            var importer = new UnixFsImporter(new MemoryBlockStore(), new ImportOptions { Chunker = "size-32", MaxLinks = 3 });
            var imported = await importer.AddPathAsync(local.FullName, null);
            Assert.Equal(imported.Cid, (await tree.StatAsync("/")).Cid);
        }
        finally
        {
            await tree.DisposeAsync();
            local.Delete(recursive: true);
        }
    }

    private static async Task<string> ApplyRandomAsync(Random rng, MfsTree tree, string root)
    {
        var dirs = Directory.GetDirectories(root, "*", SearchOption.AllDirectories).Select(d => Rel(root, d)).Prepend("/").ToList();
        var files = Directory.GetFiles(root, "*", SearchOption.AllDirectories).Select(f => Rel(root, f)).ToList();
        string NewPath() => MfsPath.Combine(dirs[rng.Next(dirs.Count)], "n" + rng.Next(12));
        bool Exists(string p) => File.Exists(L(root, p)) || Directory.Exists(L(root, p));
        int op = rng.Next(100);
        if (op < 25 || files.Count == 0)
        {
            string p = rng.Next(3) == 0 && files.Count > 0 ? files[rng.Next(files.Count)] : NewPath();
            if (Directory.Exists(L(root, p))) return "";
            return await WriteAsync(rng, tree, root, p, create: true);
        }
        if (op < 50) return await WriteAsync(rng, tree, root, files[rng.Next(files.Count)], create: false);
        if (op < 60)
        {
            string p = files[rng.Next(files.Count)];
            long len = rng.Next(3) == 0 ? 0 : rng.Next(700);
            await using (var h = await tree.OpenAsync(p, MfsOpenFlags.Write)) await h.TruncateAsync(len);
            using (var fs = new FileStream(L(root, p), FileMode.Open)) fs.SetLength(len);
            return $"truncate {p} {len}";
        }
        if (op < 70)
        {
            string src = rng.Next(3) == 0 && dirs.Count > 1 ? dirs[1 + rng.Next(dirs.Count - 1)] : files[rng.Next(files.Count)];
            string dst = rng.Next(3) == 0 && files.Count > 0 ? files[rng.Next(files.Count)] : NewPath();
            bool srcIsDir = Directory.Exists(L(root, src));
            if (srcIsDir && (dst + "/").StartsWith(src + "/", StringComparison.Ordinal))
            {
                var ex = await Assert.ThrowsAsync<MfsException>(() => tree.RenameAsync(src, dst));
                Assert.True(ex.Kind is MfsErrorKind.InvalidArgument or MfsErrorKind.NotADirectory, ex.Message);
                return $"rename-into-self {src} {dst}";
            }
            if (srcIsDir ? File.Exists(L(root, dst)) || Directory.Exists(L(root, dst)) && Directory.EnumerateFileSystemEntries(L(root, dst)).Any()
                         : Directory.Exists(L(root, dst)))
            {
                var ex = await Assert.ThrowsAsync<MfsException>(() => tree.RenameAsync(src, dst));
                Assert.True(ex.Kind is MfsErrorKind.NotEmpty or MfsErrorKind.NotADirectory or MfsErrorKind.IsADirectory, ex.Message);
                return $"rename-refused {src} {dst}";
            }
            await tree.RenameAsync(src, dst);
            if (srcIsDir)
            {
                if (Directory.Exists(L(root, dst))) Directory.Delete(L(root, dst));
                if (src != dst) Directory.Move(L(root, src), L(root, dst));
            }
            else File.Move(L(root, src), L(root, dst), overwrite: true);
            return $"rename {src} {dst}";
        }
        if (op < 80)
        {
            string p = files[rng.Next(files.Count)];
            await tree.UnlinkAsync(p);
            File.Delete(L(root, p));
            return $"unlink {p}";
        }
        if (op < 90)
        {
            string p = NewPath();
            if (Exists(p))
            {
                var ex = await Assert.ThrowsAsync<MfsException>(() => tree.MkdirAsync(p));
                Assert.Equal(MfsErrorKind.AlreadyExists, ex.Kind);
                return $"mkdir-exists {p}";
            }
            await tree.MkdirAsync(p);
            Directory.CreateDirectory(L(root, p));
            return $"mkdir {p}";
        }
        if (dirs.Count < 2) return "";
        string d = dirs[1 + rng.Next(dirs.Count - 1)];
        if (Directory.EnumerateFileSystemEntries(L(root, d)).Any())
        {
            var ex = await Assert.ThrowsAsync<MfsException>(() => tree.RmdirAsync(d));
            Assert.Equal(MfsErrorKind.NotEmpty, ex.Kind);
            return $"rmdir-not-empty {d}";
        }
        await tree.RmdirAsync(d);
        Directory.Delete(L(root, d));
        return $"rmdir {d}";
    }

    private static async Task<string> WriteAsync(Random rng, MfsTree tree, string root, string p, bool create)
    {
        long offset = rng.Next(4) == 0 ? 0 : rng.Next(600);
        var data = new byte[rng.Next(1, 200)];
        rng.NextBytes(data);
        bool truncate = create && rng.Next(3) == 0;
        var flags = MfsOpenFlags.Write | (create ? MfsOpenFlags.Create : 0) | (truncate ? MfsOpenFlags.Truncate : 0);
        await using (var h = await tree.OpenAsync(p, flags)) await h.WriteAsync(offset, data);
        using (var fs = new FileStream(L(root, p), truncate ? FileMode.Create : FileMode.OpenOrCreate))
        {
            fs.Seek(offset, SeekOrigin.Begin);
            fs.Write(data);
        }
        return $"write {p} @{offset} +{data.Length}{(truncate ? " trunc" : "")}";
    }

    private static async Task AssertSameAsync(MfsTree tree, string root, string context)
    {
        var expected = new SortedDictionary<string, byte[]?>(StringComparer.Ordinal);
        foreach (var d in Directory.GetDirectories(root, "*", SearchOption.AllDirectories)) expected[Rel(root, d)] = null;
        foreach (var f in Directory.GetFiles(root, "*", SearchOption.AllDirectories)) expected[Rel(root, f)] = File.ReadAllBytes(f);
        var actual = new SortedDictionary<string, byte[]?>(StringComparer.Ordinal);
        await CollectAsync(tree, "/", actual);
        Assert.True(expected.Keys.SequenceEqual(actual.Keys),
            $"{context}: names differ\nexpected: {string.Join(' ', expected.Keys)}\nactual:   {string.Join(' ', actual.Keys)}");
        foreach (var (path, bytes) in expected)
            Assert.True(bytes is null ? actual[path] is null : actual[path] is { } a && a.AsSpan().SequenceEqual(bytes),
                $"{context}: content of {path} differs");
    }

    private static async Task CollectAsync(MfsTree tree, string dir, SortedDictionary<string, byte[]?> into)
    {
        foreach (var e in await tree.ListAsync(dir))
        {
            string p = MfsPath.Combine(dir, e.Name);
            if (e.Kind == MfsEntryKind.Directory)
            {
                into[p] = null;
                await CollectAsync(tree, p, into);
            }
            else into[p] = await tree.ReadAllAsync(p);
        }
    }

    private static string L(string root, string mfsPath) => Path.Combine(root, mfsPath.TrimStart('/'));

    private static string Rel(string root, string full) => "/" + Path.GetRelativePath(root, full).Replace('\\', '/');
}
