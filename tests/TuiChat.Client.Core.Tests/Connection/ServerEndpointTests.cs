using TuiChat.Client.Core.Connection;

namespace TuiChat.Client.Core.Tests.Connection;

public sealed class ServerEndpointTests
{
    [Fact]
    public void AList_KeepsItsOrder_AndServersWithoutAPortUseTheDefault()
    {
        Assert.True(ServerEndpoint.TryParseList("a.example:5000, b.example:6000,c.example,[::1]:7000,::1", 5999, out IReadOnlyList<ServerEndpoint> servers, out _));

        Assert.Equal(
            [new("a.example", 5000), new("b.example", 6000), new("c.example", 5999), new("::1", 7000), new ServerEndpoint("::1", 5999)],
            servers);
        Assert.Equal(["a.example:5000", "b.example:6000", "c.example:5999", "[::1]:7000", "[::1]:5999"], servers.Select(s => s.ToString()));
    }

    [Theory]
    [InlineData("a:5000,,b:5000")]
    [InlineData("a:port")]
    [InlineData("a:70000")]
    [InlineData("a:0")]
    [InlineData("[::1")]
    [InlineData("[::1]5000")]
    [InlineData(":5000")]
    public void AMalformedServer_IsRefused_Naming(string text)
    {
        Assert.False(ServerEndpoint.TryParseList(text, 5000, out _, out string error));
        Assert.Contains("is not a server", error, StringComparison.Ordinal);
    }
}
