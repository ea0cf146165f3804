// Content identifier (https://github.com/multiformats/cid): v0 = bare sha2-256 multihash of a dag-pb block
// ("Qm…" base58btc), v1 = varint(1) varint(codec) multihash, written with a multibase prefix.
namespace IpfsMount.Core;

public readonly struct Cid : IEquatable<Cid>
{
    private Cid(int version, ulong codec, Multihash hash)
    {
        Version = version;
        Codec = codec;
        Hash = hash;
    }

    public int Version { get; }

    public ulong Codec { get; }

    public Multihash Hash { get; }

    /// <summary>True for <c>default(Cid)</c>, which is not a valid CID (a real v0 always has codec dag-pb).</summary>
    public bool IsDefault => Version == 0 && Codec == 0;

    public int EncodedLength => Version == 0
        ? Hash.EncodedLength
        : 1 + Varint.Size(Codec) + Hash.EncodedLength;

    public static Cid Create(int version, ulong codec, Multihash mh)
    {
        if (version == 0)
        {
            if (!IsV0Compatible(codec, mh))
                throw new InvalidCidException(
                    $"CID v0 requires dag-pb and a 32-byte sha2-256 hash (got {Multicodec.Name(codec)}, {Multicodec.Name(mh.Code)} of {mh.Digest.Length} bytes)");
            return new Cid(0, codec, mh);
        }
        if (version != 1) throw new InvalidCidException($"unsupported CID version {version}");
        if (codec > Varint.MaxValue) throw new InvalidCidException($"CID codec 0x{codec:x} does not fit in a varint");
        return new Cid(1, codec, mh);
    }

    public static Cid Compute(ReadOnlySpan<byte> block, ulong codec, int version = 1, ulong hashCode = Multicodec.Sha2_256) =>
        Create(version, codec, Multihash.Compute(block, hashCode));

    public Cid ToV0()
    {
        if (Version == 0) return this;
        return Create(0, Codec, Hash);
    }

    public Cid ToV1() => Version == 1 ? this : new Cid(1, Codec, Hash);

    public static Cid Read(ReadOnlySpan<byte> src, out int bytesRead)
    {
        if (src.Length == 0) throw new InvalidCidException("CID is empty");
        if (src[0] == 0x12 && (src.Length == 1 || src[1] == 0x20))
        {
            if (src.Length < 34) throw new InvalidCidException($"CID v0 must be 34 bytes (got {src.Length})");
            var mh = Multihash.Read(src[..34], out _);
            bytesRead = 34;
            return new Cid(0, Multicodec.DagPb, mh);
        }
        ulong version = ReadVarint(src, "CID version", out int n);
        if (version != 1)
        {
            throw new InvalidCidException(version == 0
                ? "CID v0 must be a bare sha2-256 multihash (0x12 0x20 …), not an explicit version 0"
                : $"unsupported CID version {version}");
        }
        ulong codec = ReadVarint(src[n..], "CID codec", out int n2);
        n += n2;
        Multihash hash;
        try
        {
            hash = Multihash.Read(src[n..], out n2);
        }
        catch (InvalidMultihashException e)
        {
            throw new InvalidCidException("CID multihash: " + e.Message, e);
        }
        bytesRead = n + n2;
        return new Cid(1, codec, hash);
    }

    public static Cid FromBytes(ReadOnlySpan<byte> bytes)
    {
        var cid = Read(bytes, out int n);
        if (n != bytes.Length)
        {
            throw new InvalidCidException(cid.Version == 0
                ? $"CID v0 must be 34 bytes (got {bytes.Length})"
                : $"CID has {bytes.Length - n} unexpected trailing bytes");
        }
        return cid;
    }

    public static Cid Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0) throw new InvalidCidException("CID text is empty");
        if (text.Length == 46 && text.StartsWith("Qm", StringComparison.Ordinal))
        {
            byte[] v0;
            try
            {
                v0 = Base58.Decode(text);
            }
            catch (InvalidMultibaseException e)
            {
                throw new InvalidCidException($"CID v0 text '{text}' is not valid base58btc: {e.Message}", e);
            }
            return FromBytes(v0);
        }
        byte[] bytes;
        try
        {
            bytes = Multibase.Decode(text);
        }
        catch (InvalidMultibaseException e)
        {
            throw new InvalidCidException($"'{Shorten(text)}' is not a CID: {e.Message}", e);
        }
        return FromBytes(bytes);
    }

    public static bool TryParse(string? text, out Cid cid, out string? error)
    {
        if (text == null)
        {
            cid = default;
            error = "CID text is null";
            return false;
        }
        try
        {
            cid = Parse(text);
            error = null;
            return true;
        }
        catch (IpfsFormatException e)
        {
            cid = default;
            error = e.Message;
            return false;
        }
    }

    public int WriteTo(Span<byte> dest)
    {
        ThrowIfDefault();
        if (Version == 0) return Hash.WriteTo(dest);
        int need = EncodedLength;
        if (dest.Length < need) throw new ArgumentException($"destination needs {need} bytes, has {dest.Length}", nameof(dest));
        int n = Varint.Write(dest, 1);
        n += Varint.Write(dest[n..], Codec);
        return n + Hash.WriteTo(dest[n..]);
    }

    public byte[] ToBytes()
    {
        var result = new byte[EncodedLength];
        WriteTo(result);
        return result;
    }

    /// <summary>v0: base58btc "Qm…"; v1: base32 "b…".</summary>
    public override string ToString()
    {
        if (IsDefault) return "(default CID)";
        return Version == 0 ? ToString(MultibaseEncoding.Base58Btc) : ToString(MultibaseEncoding.Base32Lower);
    }

    public string ToString(MultibaseEncoding encoding)
    {
        ThrowIfDefault();
        Span<byte> buf = stackalloc byte[128];
        int len = EncodedLength;
        byte[]? heap = len > buf.Length ? new byte[len] : null;
        Span<byte> bytes = heap != null ? heap : buf[..len];
        WriteTo(bytes);
        if (Version == 0)
        {
            if (encoding != MultibaseEncoding.Base58Btc)
                throw new InvalidOperationException($"CID v0 is written only in base58btc; use ToV1() for {encoding}");
            return Base58.Encode(bytes);
        }
        return Multibase.Encode(bytes, encoding);
    }

    public bool Equals(Cid other) => Version == other.Version && Codec == other.Codec && Hash.Equals(other.Hash);

    public override bool Equals(object? obj) => obj is Cid other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Version, Codec, Hash);

    public static bool operator ==(Cid left, Cid right) => left.Equals(right);

    public static bool operator !=(Cid left, Cid right) => !left.Equals(right);

    private static bool IsV0Compatible(ulong codec, Multihash mh) =>
        codec == Multicodec.DagPb && mh.Code == Multicodec.Sha2_256 && mh.Digest.Length == 32;

    private void ThrowIfDefault()
    {
        if (IsDefault) throw new InvalidOperationException("default(Cid) is not a CID");
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> src, string what, out int bytesRead)
    {
        try
        {
            return Varint.Read(src, out bytesRead);
        }
        catch (InvalidVarintException e)
        {
            throw new InvalidCidException($"{what}: {e.Message}", e);
        }
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
