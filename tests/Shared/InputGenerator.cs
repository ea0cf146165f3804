// The reference vectors' deterministic input generator (shared/vectors/README.md): xorshift32 (13/17/5), the state
// advanced before each little-endian 4-byte word. One copy for every test project (linked by Directory.Build.props).
namespace IpfsMount.Testing;

internal static class InputGenerator
{
    /// <summary>The first <paramref name="size"/> bytes of the sequence from <paramref name="seed"/>: the vectors' inputs.</summary>
    public static byte[] Generate(int size, uint seed = 1)
    {
        var bytes = new byte[size];
        Fill(bytes, ref seed);
        return bytes;
    }

    public static void Fill(Span<byte> dest, uint seed) => Fill(dest, ref seed);

    /// <summary>Fills <paramref name="dest"/> and leaves <paramref name="state"/> where the sequence goes on.</summary>
    public static void Fill(Span<byte> dest, ref uint state)
    {
        var i = 0;
        while (i < dest.Length)
        {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            for (var k = 0; k < 4 && i < dest.Length; k++)
            {
                dest[i++] = (byte)(state >> (8 * k));
            }
        }
    }
}
