// ApiAddress: the multiaddr written to <repo>/api parses back, and bad text fails with a message.
using IpfsMount.Daemon.Http;

namespace IpfsMount.Daemon.Tests;

public sealed class ApiAddressTests
{
    [Theory]
    [InlineData("/ip4/127.0.0.1/tcp/5001")]
    [InlineData("/unix/tmp/repo/api.sock")]
    public void An_address_formats_back_to_the_same_text(string text)
    {
        Assert.Equal(text, ApiAddress.Parse(text + "\n").ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("/ip4/127.0.0.1/udp/5001")]
    [InlineData("/ip4/127.0.0.1/tcp/0")]
    [InlineData("/ip4/127.0.0.1/tcp/70000")]
    [InlineData("http://127.0.0.1:5001")]
    public void A_bad_address_is_refused(string text)
    {
        var ex = Assert.Throws<FormatException>(() => ApiAddress.Parse(text));

        Assert.Contains("bad API address", ex.Message);
    }

    [Fact]
    public void A_missing_api_file_reads_as_no_daemon()
    {
        Assert.Null(ApiAddress.TryRead(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"))));
    }
}
