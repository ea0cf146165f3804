// multistream-select 1.0: varint-length-prefixed, newline-terminated messages; "na" rejects, "ls" lists.
// Spec: multiformats/multistream-select README (protocol /multistream/1.0.0).
using System.Text;
using IpfsMount.Core;

namespace IpfsMount.Net.Multistream;

/// <summary>Negotiates which protocol runs on a stream, as initiator (Select) or responder (Handle).</summary>
public static class MultistreamSelect
{
    public const string ProtocolId = "/multistream/1.0.0";
    public const string NotAvailable = "na";
    public const string List = "ls";
    /// <summary>Largest message we accept; protocol IDs are short, an ls answer can be longer.</summary>
    public const int MaxMessageLength = 64 * 1024;

    /// <summary>Proposes protocols in order until the responder accepts one; returns it.</summary>
    /// <remarks>The header and first proposal go out in one write (the spec allows pipelining them).</remarks>
    public static async Task<string> SelectAsync(Stream stream, IReadOnlyList<string> protocols, CancellationToken ct)
    {
        if (protocols.Count == 0) throw new ArgumentException("at least one protocol is needed", nameof(protocols));
        using var first = new MemoryStream();
        WriteMessage(first, ProtocolId);
        WriteMessage(first, protocols[0]);
        await stream.WriteAsync(first.GetBuffer().AsMemory(0, (int)first.Length), ct).ConfigureAwait(false);
        await stream.FlushAsync(ct).ConfigureAwait(false);
        var header = await ReadMessageAsync(stream, ct).ConfigureAwait(false);
        if (header != ProtocolId)
            throw new ProtocolNegotiationException($"peer answered '{header}' instead of the {ProtocolId} header");
        for (int i = 0; i < protocols.Count; i++)
        {
            if (i > 0) await WriteMessageAsync(stream, protocols[i], ct).ConfigureAwait(false);
            var answer = await ReadMessageAsync(stream, ct).ConfigureAwait(false);
            if (answer == protocols[i]) return answer;
            if (answer != NotAvailable)
                throw new ProtocolNegotiationException($"peer answered '{answer}' to proposal '{protocols[i]}'");
        }
        throw new ProtocolNegotiationException($"peer supports none of: {string.Join(", ", protocols)}");
    }

    /// <summary>Answers proposals until one is supported; returns the protocol agreed on.</summary>
    public static async Task<string> HandleAsync(Stream stream, Func<string, bool> isSupported, Func<IEnumerable<string>> listProtocols, CancellationToken ct)
    {
        await WriteMessageAsync(stream, ProtocolId, ct).ConfigureAwait(false);
        var header = await ReadMessageAsync(stream, ct).ConfigureAwait(false);
        if (header != ProtocolId)
            throw new ProtocolNegotiationException($"peer sent '{header}' instead of the {ProtocolId} header");
        for (int rounds = 0; rounds < 64; rounds++)
        {
            var proposal = await ReadMessageAsync(stream, ct).ConfigureAwait(false);
            if (proposal == List)
            {
                await WriteListAsync(stream, listProtocols(), ct).ConfigureAwait(false);
                continue;
            }
            if (isSupported(proposal))
            {
                await WriteMessageAsync(stream, proposal, ct).ConfigureAwait(false);
                return proposal;
            }
            await WriteMessageAsync(stream, NotAvailable, ct).ConfigureAwait(false);
        }
        throw new ProtocolNegotiationException("peer made more than 64 proposals without agreement");
    }

    public static async Task WriteMessageAsync(Stream stream, string message, CancellationToken ct)
    {
        using var ms = new MemoryStream();
        WriteMessage(ms, message);
        await stream.WriteAsync(ms.GetBuffer().AsMemory(0, (int)ms.Length), ct).ConfigureAwait(false);
        await stream.FlushAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Encodes one message: varint(len) + utf8 + '\n'.</summary>
    public static void WriteMessage(Stream to, string message)
    {
        var bytes = Encoding.UTF8.GetBytes(message + "\n");
        to.Write(Varint.Encode((ulong)bytes.Length));
        to.Write(bytes);
    }

    /// <summary>Reads one message and strips its newline; throws on EOF, oversize or a missing newline.</summary>
    public static async Task<string> ReadMessageAsync(Stream stream, CancellationToken ct)
    {
        ulong? len;
        try
        {
            len = await Varint.ReadAsync(stream, ct).ConfigureAwait(false);
        }
        catch (InvalidVarintException e)
        {
            throw new ProtocolNegotiationException("multistream message has a bad length prefix: " + e.Message);
        }
        catch (EndOfStreamException)
        {
            throw new ProtocolNegotiationException("stream ended in the middle of a multistream length prefix");
        }
        if (len is null) throw new ProtocolNegotiationException("stream closed during protocol negotiation");
        if (len.Value == 0 || len.Value > MaxMessageLength)
            throw new ProtocolNegotiationException($"multistream message length {len} is out of range (1..{MaxMessageLength})");
        var buf = new byte[(int)len.Value];
        try
        {
            await stream.ReadExactlyAsync(buf, ct).ConfigureAwait(false);
        }
        catch (EndOfStreamException)
        {
            throw new ProtocolNegotiationException("stream closed in the middle of a multistream message");
        }
        if (buf[^1] != (byte)'\n') throw new ProtocolNegotiationException("multistream message does not end with a newline");
        return Encoding.UTF8.GetString(buf, 0, buf.Length - 1);
    }

    private static async Task WriteListAsync(Stream stream, IEnumerable<string> protocols, CancellationToken ct)
    {
        using var inner = new MemoryStream();
        foreach (var p in protocols) WriteMessage(inner, p);
        inner.WriteByte((byte)'\n');
        using var outer = new MemoryStream();
        outer.Write(Varint.Encode((ulong)inner.Length));
        inner.WriteTo(outer);
        await stream.WriteAsync(outer.GetBuffer().AsMemory(0, (int)outer.Length), ct).ConfigureAwait(false);
        await stream.FlushAsync(ct).ConfigureAwait(false);
    }
}
