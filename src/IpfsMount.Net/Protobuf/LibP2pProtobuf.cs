// The few protobuf shapes libp2p's small messages (identify, noise payload) need, over Core's strict wire-format
// reader/writer: a reader that fails with InvalidProtobufException, strict UTF-8 strings, and encoding of a list of
// LEN fields. Spec: https://protobuf.dev/programming-guides/encoding/
using System.Text;
using IpfsMount.Core;

namespace IpfsMount.Net.Protobuf;

internal static class LibP2pProtobuf
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    public static ProtobufReader Reader(ReadOnlySpan<byte> message, string what) =>
        new(message, what, m => new InvalidProtobufException(m));

    /// <summary>The next LEN field's payload as a strict UTF-8 string.</summary>
    public static string ReadString(ref ProtobufReader reader, int field)
    {
        var bytes = reader.ReadLengthDelimited();
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw reader.Fail($"field {field} is not valid UTF-8");
        }
    }

    /// <summary>Encodes a message made only of LEN fields, in the order given.</summary>
    public static byte[] EncodeLenFields(IReadOnlyList<(int Field, byte[] Value)> fields)
    {
        int size = 0;
        foreach (var (field, value) in fields)
        {
            size += ProtobufWriter.BytesFieldSize(field, value.Length);
        }

        var result = new byte[size];
        var writer = new ProtobufWriter(result);
        foreach (var (field, value) in fields)
        {
            writer.WriteBytesField(field, value);
        }

        return result;
    }
}
