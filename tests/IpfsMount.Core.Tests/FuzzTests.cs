// Fuzz-style tests: truncated, bit-flipped and random inputs to every parser (fixed seeds). Parsers may only
// throw IpfsFormatException subclasses, must finish promptly, and whatever they accept must re-encode identically.
using System.Text;

namespace IpfsMount.Core.Tests;

public sealed class FuzzTests
{
    private const int RandomCases = 4000;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(60);

    [Fact]
    public void Varint_read_only_fails_with_format_errors_and_accepts_only_minimal_encodings()
    {
        Fuzz(1, SeedsOf(Varint.Encode(0), Varint.Encode(300), Varint.Encode(Varint.MaxValue)), input =>
        {
            ulong v = Varint.Read(input, out int n);
            Assert.Equal(input[..n], Varint.Encode(v));
            Assert.True(Varint.TryRead(input, out ulong again, out int n2) && again == v && n2 == n);
        }, input => Assert.False(Varint.TryRead(input, out _, out _)));
    }

    [Fact]
    public void Multihash_read_only_fails_with_format_errors()
    {
        var seeds = SeedsOf(Multihash.Compute([1, 2, 3]).ToBytes(), Multihash.Compute([], Multicodec.Blake3).ToBytes(),
            Convert.FromHexString(ReferenceVectors.Root.GetProperty("peerId").GetProperty("peerIdMultihashHex").GetString()!));
        Fuzz(2, seeds, input =>
        {
            var mh = Multihash.Read(input, out int n);
            Assert.Equal(input[..n], mh.ToBytes());
        });
    }

    [Fact]
    public void Cid_from_bytes_only_fails_with_format_errors()
    {
        var seeds = SeedsOf(
            Cid.Parse("QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH").ToBytes(),
            Cid.Parse("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku").ToBytes(),
            Cid.Parse(ReferenceVectors.Root.GetProperty("peerId").GetProperty("peerIdCidV1Base32").GetString()!).ToBytes());
        Fuzz(3, seeds, input =>
        {
            var cid = Cid.FromBytes(input);
            Assert.Equal(input, cid.ToBytes());
        });
    }

    [Fact]
    public void Cid_parse_and_multibase_decode_only_fail_with_format_errors()
    {
        var mf = ReferenceVectors.Root.GetProperty("multiformats");
        string[] texts =
        [
            "QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH", mf.GetProperty("base32").GetString()!,
            mf.GetProperty("base36").GetString()!, mf.GetProperty("base58btc").GetString()!,
            mf.GetProperty("base64url").GetString()!, mf.GetProperty("base16").GetString()!,
            mf.GetProperty("base32upper").GetString()!,
        ];
        const string alphabet = "bBkKzufFQm0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_+/=lIO \u00e9\ud800\u0000";
        var rng = new Random(4);
        RunWithin(() =>
        {
            for (int i = 0; i < RandomCases * 2; i++)
            {
                string text = i % 2 == 0 ? MutateText(rng, texts[rng.Next(texts.Length)], alphabet) : RandomText(rng, alphabet);
                Expect(() =>
                {
                    var cid = Cid.Parse(text);
                    Assert.True(Cid.TryParse(text, out var again, out _) && again == cid);
                }, text);
                Expect(() => Multibase.Decode(text), text);
                Assert.Equal(Cid.TryParse(text, out _, out var error), error == null);
            }
        });
    }

    [Fact]
    public void Dag_pb_decode_only_fails_with_format_errors_and_accepts_only_canonical_blocks()
    {
        var seeds = new List<byte[]>();
        foreach (var row in DagPbTests.ReferenceBlocks())
        {
            var cid = Cid.Parse((string)row[0]);
            if (cid.Codec == Multicodec.DagPb) seeds.Add(Convert.FromHexString((string)row[1]));
        }
        var a = Cid.Compute([1], Multicodec.Raw);
        seeds.Add(DagPb.Encode(new PbNode([new PbLink(a, "név", 5), new PbLink(a.ToV1(), null, null)], new byte[] { 8, 1 })));
        Fuzz(5, SeedsOf([.. seeds]), input => Assert.Equal(input, DagPb.Encode(DagPb.Decode(input))));
    }

    [Fact]
    public void Dag_cbor_decode_only_fails_with_format_errors_and_accepts_only_canonical_blocks()
    {
        var ipns = Convert.FromHexString(ReferenceVectors.Root.GetProperty("ipns").GetProperty("fields").GetProperty("dataCborHex").GetString()!);
        var nested = DagCbor.Encode(CborValue.Map(
            new("links", CborValue.List(CborValue.Link(Cid.Compute([1], Multicodec.Raw)), CborValue.Float(-2.5))),
            new("n", CborValue.Negative(ulong.MaxValue)), new("t", CborValue.Text("ünï")), new("b", CborValue.True)));
        Fuzz(6, SeedsOf(ipns, nested), input => Assert.Equal(input, DagCbor.Encode(DagCbor.Decode(input))));
    }

    private static byte[][] SeedsOf(params byte[][] seeds) => seeds;

    /// <summary>Runs <paramref name="parse"/> over truncations, bit flips, byte splices and random bytes.</summary>
    private static void Fuzz(int seed, byte[][] seeds, Action<byte[]> parse, Action<byte[]>? onRejected = null)
    {
        var rng = new Random(seed);
        RunWithin(() =>
        {
            foreach (var s in seeds)
            {
                for (int len = 0; len <= s.Length; len++) Check(s[..len]);
            }
            for (int i = 0; i < RandomCases; i++)
            {
                byte[] input = (i % 4) switch
                {
                    0 => RandomBytes(rng, rng.Next(0, 48)),
                    1 => FlipBits(rng, seeds[rng.Next(seeds.Length)]),
                    2 => Splice(rng, seeds[rng.Next(seeds.Length)]),
                    _ => PrefixWithNoise(rng, seeds[rng.Next(seeds.Length)]),
                };
                Check(input);
            }
        });

        void Check(byte[] input)
        {
            bool rejected = Expect(() => parse(input), Convert.ToHexStringLower(input));
            if (rejected) onRejected?.Invoke(input);
        }
    }

    /// <summary>Returns true when the input was rejected with an IpfsFormatException; fails on any other exception.</summary>
    private static bool Expect(Action parse, string input)
    {
        try
        {
            parse();
            return false;
        }
        catch (IpfsFormatException)
        {
            return true;
        }
        catch (Exception e)
        {
            Assert.Fail($"input {input} raised {e.GetType().Name}: {e.Message}");
            return false;
        }
    }

    private static void RunWithin(Action body)
    {
        var task = Task.Run(body);
        Assert.True(task.Wait(Budget), $"fuzz run did not finish within {Budget}");
    }

    private static byte[] RandomBytes(Random rng, int length)
    {
        var b = new byte[length];
        rng.NextBytes(b);
        return b;
    }

    private static byte[] FlipBits(Random rng, byte[] seed)
    {
        var b = (byte[])seed.Clone();
        if (b.Length == 0) return b;
        int flips = rng.Next(1, 4);
        for (int i = 0; i < flips; i++) b[rng.Next(b.Length)] ^= (byte)(1 << rng.Next(8));
        return rng.Next(3) == 0 ? b[..rng.Next(b.Length + 1)] : b;
    }

    private static byte[] PrefixWithNoise(Random rng, byte[] seed) =>
        [.. seed[..rng.Next(seed.Length + 1)], .. RandomBytes(rng, rng.Next(0, 8))];

    private static byte[] Splice(Random rng, byte[] seed)
    {
        int at = rng.Next(seed.Length + 1);
        var insert = RandomBytes(rng, rng.Next(1, 6));
        int cut = rng.Next(0, Math.Min(4, seed.Length - at) + 1);
        return [.. seed[..at], .. insert, .. seed[(at + cut)..]];
    }

    private static string RandomText(Random rng, string alphabet)
    {
        var sb = new StringBuilder();
        int len = rng.Next(0, 70);
        for (int i = 0; i < len; i++) sb.Append(alphabet[rng.Next(alphabet.Length)]);
        return sb.ToString();
    }

    private static string MutateText(Random rng, string text, string alphabet)
    {
        var chars = text.ToCharArray();
        int edits = rng.Next(1, 3);
        for (int i = 0; i < edits && chars.Length > 0; i++) chars[rng.Next(chars.Length)] = alphabet[rng.Next(alphabet.Length)];
        var result = new string(chars);
        return rng.Next(3) == 0 ? result[..rng.Next(result.Length + 1)] : result;
    }
}
