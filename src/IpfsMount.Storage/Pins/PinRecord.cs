// Value format of the `pins` column family (key = multihash): mode byte, varint(len) CID bytes, UTF-8 name (DESIGN.md).
namespace IpfsMount.Storage;

using IpfsMount.Core;

internal static class PinRecord
{
    public static byte[] Encode(Cid cid, PinMode mode, string? name)
    {
        var cidBytes = cid.ToBytes();
        var nameBytes = System.Text.Encoding.UTF8.GetBytes(name ?? "");
        var value = new byte[1 + Varint.Size((ulong)cidBytes.Length) + cidBytes.Length + nameBytes.Length];
        value[0] = (byte)mode;
        var n = 1 + Varint.Write(value.AsSpan(1), (ulong)cidBytes.Length);
        cidBytes.CopyTo(value.AsSpan(n));
        nameBytes.CopyTo(value.AsSpan(n + cidBytes.Length));
        return value;
    }

    public static PinEntry Decode(ReadOnlySpan<byte> value)
    {
        try
        {
            var mode = (PinMode)value[0];
            if (mode is not (PinMode.Direct or PinMode.Recursive))
            {
                throw new RepoException($"pin record has unknown mode {value[0]}; the repo's pins column family is damaged");
            }

            var length = (int)Varint.Read(value[1..], out var n);
            var cid = Cid.FromBytes(value.Slice(1 + n, length));
            var name = System.Text.Encoding.UTF8.GetString(value[(1 + n + length)..]);
            return new PinEntry(cid, mode, name.Length == 0 ? null : name);
        }
        catch (Exception e) when (e is IpfsFormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            throw new RepoException($"a pin record cannot be decoded ({e.Message}); the repo's pins column family is damaged", e);
        }
    }
}
