// FsCheck round-trip properties for every Core codec (fixed replay seeds, so runs are reproducible).
using FsCheck;
using FsCheck.Xunit;

namespace IpfsMount.Core.Tests;

[Properties(Arbitrary = [typeof(CoreArbitraries)], MaxTest = 300, Replay = "(20261125,1357913)")]
public sealed class RoundTripProperties
{
    [Property]
    public bool Varint_round_trips_with_its_exact_size(ulong raw, byte shiftSeed)
    {
        ulong v = raw >> (1 + shiftSeed % 63);
        var bytes = Varint.Encode(v);
        return bytes.Length == Varint.Size(v) && Varint.Read(bytes, out int n) == v && n == bytes.Length;
    }

    [Property]
    public bool Every_multibase_encoding_round_trips_and_is_canonical(byte[] data)
    {
        foreach (var enc in Enum.GetValues<MultibaseEncoding>())
        {
            string text = Multibase.Encode(data, enc);
            if (!Multibase.Decode(text).AsSpan().SequenceEqual(data)) return false;
            if (Multibase.Encode(Multibase.Decode(text), enc) != text) return false;
        }
        string upper = "B" + Base32.EncodeLower(data).ToUpperInvariant();
        return Multibase.Decode(upper).AsSpan().SequenceEqual(data)
            && Base58.Decode(Base58.Encode(data)).AsSpan().SequenceEqual(data);
    }

    [Property]
    public bool Multihash_round_trips_through_bytes(Multihash mh)
    {
        var bytes = mh.ToBytes();
        return bytes.Length == mh.EncodedLength && Multihash.FromBytes(bytes) == mh;
    }

    [Property]
    public bool Cid_round_trips_through_bytes_and_every_text_form(Cid cid)
    {
        if (Cid.FromBytes(cid.ToBytes()) != cid || cid.ToBytes().Length != cid.EncodedLength) return false;
        if (Cid.Parse(cid.ToString()) != cid) return false;
        var v1 = cid.ToV1();
        foreach (var enc in Enum.GetValues<MultibaseEncoding>())
        {
            if (Cid.Parse(v1.ToString(enc)) != v1) return false;
        }
        return Cid.Parse(v1.ToString().ToUpperInvariant()) == v1;
    }

    [Property]
    public bool Dag_pb_round_trips_byte_identically(PbNode node)
    {
        var bytes = DagPb.Encode(node);
        var decoded = DagPb.Decode(bytes);
        if (decoded.Links.Count != node.Links.Count) return false;
        for (int i = 0; i < node.Links.Count; i++)
        {
            if (decoded.Links[i] != node.Links[i]) return false;
        }
        bool dataSame = node.Data is null ? decoded.Data is null : decoded.Data is { } d && d.Span.SequenceEqual(node.Data.Value.Span);
        return dataSame && DagPb.Encode(decoded).AsSpan().SequenceEqual(bytes);
    }

    [Property]
    public bool Dag_cbor_round_trips_byte_identically(CborValue value)
    {
        var bytes = DagCbor.Encode(value);
        var decoded = DagCbor.Decode(bytes);
        return decoded.Equals(value) && DagCbor.Encode(decoded).AsSpan().SequenceEqual(bytes)
            && bytes.Length == DagCbor.EncodedLength(value);
    }
}
