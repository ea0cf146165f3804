// A dag-pb node (https://ipld.io/specs/codecs/dag-pb/spec/#logical-format): links in stored order, optional data.
namespace IpfsMount.Core;

public sealed class PbNode
{
    public PbNode()
    {
    }

    public PbNode(IReadOnlyList<PbLink> links, ReadOnlyMemory<byte>? data = null)
    {
        Links = links;
        Data = data;
    }

    /// <summary>The Data field; null when absent (an empty but present field is an empty memory).
    /// After <see cref="DagPb.Decode"/> this is a slice of the decoded block, not a copy.</summary>
    public ReadOnlyMemory<byte>? Data { get; init; }

    /// <summary>Links in the order they are (or will be) stored; the encoder does not sort them.</summary>
    public IReadOnlyList<PbLink> Links { get; init; } = [];
}
