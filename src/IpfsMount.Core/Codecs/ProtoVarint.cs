// Protobuf base-128 varints (up to 10 bytes, full uint64) as used inside dag-pb and UnixFS blocks;
// strict: truncated, overlong and non-minimal encodings are rejected so re-encoding is byte-identical.
namespace IpfsMount.Core;

public static class ProtoVarint
{
    public const int MaxLength = 10;

    public static int Size(ulong v)
    {
        int n = 1;
        while (v >= 0x80)
        {
            v >>= 7;
            n++;
        }
        return n;
    }

    public static int Write(Span<byte> dest, ulong v)
    {
        int i = 0;
        while (v >= 0x80)
        {
            dest[i++] = (byte)(v | 0x80);
            v >>= 7;
        }
        dest[i++] = (byte)v;
        return i;
    }

    /// <summary>Reads a varint at <paramref name="pos"/> and advances it; <paramref name="what"/> names the field in errors.</summary>
    public static ulong Read(ReadOnlySpan<byte> src, ref int pos, string what)
    {
        ulong v = 0;
        for (int i = 0; i < MaxLength; i++)
        {
            if (pos + i >= src.Length) throw new InvalidBlockException($"invalid protobuf: {what} varint is truncated");
            byte b = src[pos + i];
            if (i == MaxLength - 1 && b > 1)
                throw new InvalidBlockException($"invalid protobuf: {what} varint overflows 64 bits");
            v |= (ulong)(b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0)
            {
                if (b == 0 && i > 0) throw new InvalidBlockException($"invalid protobuf: {what} varint is not minimally encoded");
                pos += i + 1;
                return v;
            }
        }
        throw new InvalidBlockException($"invalid protobuf: {what} varint overflows 64 bits");
    }
}
