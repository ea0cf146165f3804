// The xorshift32 input generator of shared/vectors/README.md (reproduces the reference inputs).
namespace IpfsMount.Core.Tests;

internal static class InputGenerator
{
    public static byte[] Generate(int size, uint seed)
    {
        uint s = seed;
        var result = new byte[size];
        int i = 0;
        while (i < size)
        {
            s ^= s << 13;
            s ^= s >> 17;
            s ^= s << 5;
            for (int k = 0; k < 4 && i < size; k++) result[i++] = (byte)(s >> (8 * k));
        }
        return result;
    }
}
