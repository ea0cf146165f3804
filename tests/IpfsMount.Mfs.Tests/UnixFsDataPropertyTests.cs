// Properties of the MFS's use of IpfsMount.UnixFs's Data codec: the blocks MFS builds decode back to the same
// fields and MfsTime, and malformed UnixFS Data in a stored block surfaces as MfsErrorKind.InvalidData.
using FsCheck.Xunit;
using IpfsMount.Core;
using IpfsMount.UnixFs;

namespace IpfsMount.Mfs.Tests;

public sealed class UnixFsDataPropertyTests
{
    [Property(MaxTest = 300)]
    public bool File_data_built_by_the_mfs_round_trips_through_the_unixfs_codec(byte[] content, uint? mode, long? secs, uint nanos)
    {
        MfsTime? mtime = secs is { } s ? new MfsTime(s, nanos % 1_000_000_000) : null;
        var back = UnixFsData.Decode(DagBlocks.FileData(content, mode, mtime).Encode());
        bool nanosOmittedWhenZero = back.Mtime is not { } t || (t.FractionalNanoseconds is null) == (mtime!.Value.Nanoseconds == 0);
        return back.Type == UnixFsDataType.File && back.Data.Span.SequenceEqual(content)
            && back.FileSize == (ulong)content.Length && back.BlockSizes.Count == 0
            && back.Mode == DagBlocks.OmitDefault(mode, DagBlocks.DefaultFileMode)
            && Nullable.Equals(MfsTime.FromUnixFs(back.Mtime), mtime) && nanosOmittedWhenZero;
    }

    [Fact]
    public async Task Truncated_or_typeless_unixfs_data_in_a_block_is_rejected_with_invalid_data()
    {
        var store = new MemoryBlockStore();
        var blocks = new DagBlocks(store, MfsLayout.KuboV0);
        var ok = DagBlocks.FileData(new byte[] { 1, 2, 3 }, null, null).Encode();
        foreach (var data in new[] { ok.AsMemory(0, ok.Length - 4), new byte[] { 0x18, 0x01 } })
        {
            byte[] bytes = DagPb.Encode(new PbNode { Data = data, Links = [] });
            var cid = Cid.Compute(bytes, Multicodec.DagPb, 0);
            await store.PutAsync(cid, bytes);
            var e = await Assert.ThrowsAsync<MfsException>(async () => await blocks.GetAsync(cid, default));
            Assert.Equal(MfsErrorKind.InvalidData, e.Kind);
            Assert.Contains(cid.ToString(), e.Message);
        }
    }
}
