// FsCheck generators for Core values: varint-range integers, multihashes, CIDs, dag-pb nodes and dag-cbor values.
using FsCheck;
using FsCheck.Fluent;

namespace IpfsMount.Core.Tests;

public static class CoreArbitraries
{
    private static readonly Gen<byte[]> AnyBytes = ArbMap.Default.GeneratorFor<byte[]>();

    /// <summary>Integers spread over every magnitude from 0 to 2^63-1.</summary>
    public static Gen<ulong> VarintValue =>
        from raw in ArbMap.Default.GeneratorFor<ulong>()
        from shift in Gen.Choose(1, 63)
        select raw >> shift;

    public static Gen<ulong> AnyUInt64 =>
        from raw in ArbMap.Default.GeneratorFor<ulong>()
        from shift in Gen.Choose(0, 63)
        select raw >> shift;

    public static Gen<Multihash> MultihashGen =>
        from data in AnyBytes
        from code in Gen.Elements(Multicodec.Sha2_256, Multicodec.Blake3, Multicodec.Identity, 0xb220UL)
        select code == 0xb220UL ? Multihash.Create(code, data.Length > 64 ? data[..64] : data) : Multihash.Compute(data, code);

    public static Gen<Cid> CidGen =>
        from mh in MultihashGen
        from codec in Gen.Elements(Multicodec.Raw, Multicodec.DagPb, Multicodec.DagCbor, Multicodec.Libp2pKey, 0x0300001UL)
        from v0 in ArbMap.Default.GeneratorFor<bool>()
        select v0 && codec == Multicodec.DagPb && mh.Code == Multicodec.Sha2_256 ? Cid.Create(0, codec, mh) : Cid.Create(1, codec, mh);

    public static Gen<PbLink> PbLinkGen =>
        from cid in CidGen
        from name in ArbMap.Default.GeneratorFor<string?>().Select(ValidUtf16)
        from tsize in AnyUInt64
        from hasTsize in ArbMap.Default.GeneratorFor<bool>()
        select new PbLink(cid, name, hasTsize ? tsize : null);

    public static Gen<PbNode> PbNodeGen =>
        from links in Gen.ListOf(PbLinkGen).Resize(6)
        from data in AnyBytes
        from hasData in ArbMap.Default.GeneratorFor<bool>()
        select new PbNode(links.ToArray(), hasData ? data : null);

    public static Gen<CborValue> CborGen => Gen.Sized(size => Cbor(Math.Min(size, 3)));

    public static Arbitrary<Multihash> Multihashes() => MultihashGen.ToArbitrary();

    public static Arbitrary<Cid> Cids() => CidGen.ToArbitrary();

    public static Arbitrary<PbNode> PbNodes() => PbNodeGen.ToArbitrary();

    public static Arbitrary<CborValue> CborValues() => CborGen.ToArbitrary();

    private static Gen<CborValue> Cbor(int depth)
    {
        var leaves = Gen.OneOf(
            Gen.Constant(CborValue.Null),
            ArbMap.Default.GeneratorFor<bool>().Select(CborValue.Bool),
            AnyUInt64.Select(CborValue.Unsigned),
            AnyUInt64.Select(CborValue.Negative),
            ArbMap.Default.GeneratorFor<NormalFloat>().Select(f => CborValue.Float(f.Get)),
            ArbMap.Default.GeneratorFor<string>().Select(s => CborValue.Text(ValidUtf16(s) ?? "")),
            AnyBytes.Select(b => CborValue.Bytes(b)),
            CidGen.Select(CborValue.Link));
        if (depth <= 0) return leaves;
        var inner = Gen.Sized(_ => Cbor(depth - 1));
        var list = Gen.ListOf(inner).Resize(4).Select(items => CborValue.List(items));
        var map = Gen.ListOf(
                from key in ArbMap.Default.GeneratorFor<string>()
                from value in inner
                select new KeyValuePair<string, CborValue>(ValidUtf16(key) ?? "", value))
            .Resize(4)
            .Select(entries => CborValue.Map(Dedupe(entries)));
        return Gen.Frequency((4, leaves), (1, list), (1, map));
    }

    private static IEnumerable<KeyValuePair<string, CborValue>> Dedupe(IEnumerable<KeyValuePair<string, CborValue>> entries)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in entries) if (seen.Add(e.Key)) yield return e;
    }

    /// <summary>Replaces lone surrogates (not representable in UTF-8) so names and text are valid.</summary>
    private static string? ValidUtf16(string? s)
    {
        if (s == null) return null;
        var chars = s.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1])) { i++; continue; }
            if (char.IsSurrogate(chars[i])) chars[i] = '?';
        }
        return new string(chars);
    }
}
