// The xorshift32 input generator of shared/vectors/README.md (reproduces the reference inputs exactly).
namespace IpfsMount.Cli.Tests;

internal static class InputGenerator
{
    public static byte[] Generate(int size, uint seed)
    {
        var output = new byte[size];
        var s = seed;
        var i = 0;
        while (i < size)
        {
            s ^= s << 13;
            s ^= s >> 17;
            s ^= s << 5;
            for (var k = 0; k < 4 && i < size; k++) output[i++] = (byte)(s >> (8 * k));
        }
        return output;
    }
}
