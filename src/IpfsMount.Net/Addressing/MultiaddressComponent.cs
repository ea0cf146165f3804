// One /protocol/value pair of a multiaddress, with its value in binary form (multiaddr spec).
namespace IpfsMount.Net.Addressing;

/// <summary>A protocol and its binary value (empty for value-less protocols).</summary>
public sealed record MultiaddressComponent(MultiaddressProtocol Protocol, byte[] Value)
{
    public bool Equals(MultiaddressComponent? other) =>
        other is not null && Protocol.Code == other.Protocol.Code && Value.AsSpan().SequenceEqual(other.Value);

    public override int GetHashCode()
    {
        var hc = new HashCode();
        hc.Add(Protocol.Code);
        hc.AddBytes(Value);
        return hc.ToHashCode();
    }

    public override string ToString() => MultiaddressValueCodec.Format(Protocol, Value) is { Length: > 0 } v
        ? "/" + Protocol.Name + "/" + v
        : "/" + Protocol.Name;
}
