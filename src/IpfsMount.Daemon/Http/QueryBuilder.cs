// Builds the query string of an API call (`?arg=…&name=value`), escaping every value.
using System.Globalization;
using System.Text;

namespace IpfsMount.Daemon.Http;

internal sealed class QueryBuilder
{
    private readonly StringBuilder _text = new();

    public QueryBuilder Arg(string value) => Add("arg", value);

    public QueryBuilder Args(IEnumerable<string> values)
    {
        foreach (var v in values) Arg(v);
        return this;
    }

    public QueryBuilder Add(string name, string? value)
    {
        if (value is null) return this;
        _text.Append(_text.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        return this;
    }

    public QueryBuilder Add(string name, long? value) => Add(name, value?.ToString(CultureInfo.InvariantCulture));

    public QueryBuilder Add(string name, bool? value) => Add(name, value is null ? null : value.Value ? "true" : "false");

    public override string ToString() => _text.ToString();
}
