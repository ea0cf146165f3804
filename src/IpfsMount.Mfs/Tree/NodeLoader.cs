// Turns a CID into an in-memory MFS node (directory with its entry CIDs, file with lazy content, symlink).
using IpfsMount.Core;
using IpfsMount.UnixFs;

namespace IpfsMount.Mfs;

internal static class NodeLoader
{
    public static async ValueTask<MfsNode> LoadAsync(DagBlocks blocks, Cid cid, CancellationToken ct)
    {
        var node = await blocks.GetAsync(cid, ct).ConfigureAwait(false);
        var fs = node.UnixFs;
        switch (node.Kind)
        {
            case MfsEntryKind.Directory:
                var dir = new MfsDirectoryNode(fs!.Mode, MfsTime.FromUnixFs(fs.Mtime))
                {
                    CleanCid = cid,
                    CleanTsize = node.Tsize,
                    CidVersion = cid.Version,
                    HashCode = cid.Hash.Code,
                };
                List<(string Name, Cid Cid, ulong Tsize)> entries;
                if (fs.Type == UnixFsDataType.HamtShard)
                {
                    entries = [];
                    // a foreign shard shape gets an empty tree: the first flush after a change rebuilds it
                    dir.Shard = await DirectoryReader.LoadShardAsync(blocks, node, entries, ct).ConfigureAwait(false)
                        ?? new MfsHamtShard(MfsHamtShard.DefaultBits) { EncodedWith = (-1, 0) };
                }
                else entries = await DirectoryReader.ListAsync(blocks, node, ct).ConfigureAwait(false);
                foreach (var (name, child, tsize) in entries)
                {
                    if (!MfsPath.IsValidName(name))
                        throw new MfsException(MfsErrorKind.InvalidData, $"{cid}: directory entry name '{name}' is not a valid file name");
                    dir.Entries[name] = new DirEntrySlot(child, tsize);
                }
                return dir;
            case MfsEntryKind.Symlink:
                return new MfsSymlinkNode(System.Text.Encoding.UTF8.GetString(fs!.Data.Span), fs.Mode, MfsTime.FromUnixFs(fs.Mtime))
                {
                    CleanCid = cid,
                    CleanTsize = node.Tsize,
                };
            default:
                var content = new FileContent(blocks, cid, node.Tsize, node.FileSize, node.Links.Count);
                content.SetMetadata(fs?.Mode, MfsTime.FromUnixFs(fs?.Mtime));
                return new MfsFileNode(content);
        }
    }
}
