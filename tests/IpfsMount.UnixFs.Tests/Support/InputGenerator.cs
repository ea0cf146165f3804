// The vectors' deterministic input generator: xorshift32 (13/17/5), state advanced before each 4-byte LE word.
namespace IpfsMount.UnixFs.Tests;

internal static class InputGenerator
{
    public static byte[] Generate(int size, uint seed = 1)
    {
        var bytes = new byte[size];
        Fill(bytes, seed);
        return bytes;
    }

    public static void Fill(Span<byte> dest, uint seed)
    {
        uint s = seed;
        int i = 0;
        while (i < dest.Length)
        {
            s ^= s << 13;
            s ^= s >> 17;
            s ^= s << 5;
            for (int k = 0; k < 4 && i < dest.Length; k++) dest[i++] = (byte)(s >> (8 * k));
        }
    }
}
