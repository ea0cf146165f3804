// Bit stream over a HAMT key's hash, as hamt-sharding's InfiniteHash and go-unixfs consume it: bits are taken
// most-significant first from murmur3(key); when 64 bits run out, murmur3(key || [n]) supplies the next 64.
using System.Text;

namespace IpfsMount.UnixFs;

/// <summary>Yields the child index at each HAMT depth for one key.</summary>
public sealed class HamtKeyHash
{
    private readonly byte[] _key;
    private readonly List<byte[]> _buffers = new();
    private long _bitPos;

    public HamtKeyHash(string name) : this(Encoding.UTF8.GetBytes(name)) { }

    public HamtKeyHash(byte[] key) => _key = key;

    /// <summary>Takes the next <paramref name="bits"/> bits (1..31) as an unsigned index.</summary>
    public int Take(int bits)
    {
        if (bits is < 1 or > 31) throw new ArgumentOutOfRangeException(nameof(bits));
        int result = 0;
        for (int i = 0; i < bits; i++)
        {
            long pos = _bitPos++;
            int buffer = (int)(pos / 64);
            while (_buffers.Count <= buffer) _buffers.Add(Produce(_buffers.Count));
            int inBuffer = (int)(pos % 64);
            int bit = (_buffers[buffer][inBuffer / 8] >> (7 - inBuffer % 8)) & 1;
            result = (result << 1) | bit;
        }
        return result;
    }

    /// <summary>The child index of this key at <paramref name="depth"/> for a table of 2^bits entries.</summary>
    public static int IndexAt(HamtKeyHash hash, int depth, int bits)
    {
        hash._bitPos = (long)depth * bits;
        return hash.Take(bits);
    }

    private byte[] Produce(int n)
    {
        var digest = new byte[8];
        if (n == 0)
        {
            Murmur3X64.HashTo(_key, digest);
        }
        else
        {
            if (n > 255) throw new InvalidUnixFsException("HAMT is deeper than any key hash can address (over 255 rehashes).");
            var salted = new byte[_key.Length + 1];
            _key.CopyTo(salted, 0);
            salted[^1] = (byte)n;
            Murmur3X64.HashTo(salted, digest);
        }
        return digest;
    }
}
