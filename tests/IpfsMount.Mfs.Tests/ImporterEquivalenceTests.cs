// A snapshot of an MFS directory has the CID the UnixFS importer gives the same tree on disk, per profile.
using IpfsMount.Core;
using IpfsMount.UnixFs;

namespace IpfsMount.Mfs.Tests;

public sealed class ImporterEquivalenceTests
{
    [Theory]
    [InlineData("kubo")]
    [InlineData("kubo-v1")]
    [InlineData("unixfs-v1-2025")]
    public async Task A_snapshot_cid_equals_the_importer_cid_of_the_same_tree(string profile)
    {
        var options = ImportOptions.FromProfile(profile);
        var local = Directory.CreateTempSubdirectory("mfs-import-");
        try
        {
            await using var tree = await Trees.NewAsync(layout: MfsLayout.FromImportOptions(options));
            var files = new (string Path, byte[] Data)[]
            {
                ("/proj/readme.txt", "hello\n"u8.ToArray()),
                ("/proj/src/big.bin", InputGenerator.Generate(1300000, 5)),
                ("/proj/src/empty", []),
                ("/proj/one-chunk", InputGenerator.Generate(262144, 6)),
            };
            await tree.MkdirAsync("/proj/src", parents: true);
            await tree.MkdirAsync("/proj/emptydir");
            Directory.CreateDirectory(Path.Combine(local.FullName, "proj", "src"));
            Directory.CreateDirectory(Path.Combine(local.FullName, "proj", "emptydir"));
            foreach (var (p, data) in files)
            {
                // write the MFS copy in uneven pieces, the way an editor or cp would
                await using (var h = await tree.OpenAsync(p, MfsOpenFlags.Write | MfsOpenFlags.Create))
                    for (int off = 0; off < data.Length; off += 100003)
                        await h.WriteAsync(off, data.AsMemory(off, Math.Min(100003, data.Length - off)));
                await File.WriteAllBytesAsync(Path.Combine(local.FullName, p.TrimStart('/')), data);
            }
            await tree.SymlinkAsync("src/big.bin", "/proj/link");
            File.CreateSymbolicLink(Path.Combine(local.FullName, "proj", "link"), "src/big.bin");
            var snap = await tree.SnapshotAsync("/proj");
            var imported = await new UnixFsImporter(new MemoryBlockStore(), options).AddPathAsync(Path.Combine(local.FullName, "proj"), null);
            Assert.Equal(imported.Cid, snap.Cid);
        }
        finally { local.Delete(recursive: true); }
    }
}
