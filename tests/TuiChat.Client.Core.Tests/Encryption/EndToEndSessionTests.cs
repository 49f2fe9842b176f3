using NSubstitute;
using TuiChat.Client.Core.Connection;
using TuiChat.Client.Core.Encryption;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.Tests.Encryption;

/// <summary>What the user is told as its identity is loaded and published at each login.</summary>
public sealed class EndToEndSessionTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("tuichat-e2e-session-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private EndToEnd Open(IChatRequests server)
    {
        IChatEvents session = Substitute.For<IChatEvents>();
        session.UserName.Returns("bob");
        var options = new EndToEndOptions(new KeyFolder(Path.Combine(_root, "keys"), "bob"), "bob-password") { Cost = new Argon2Cost(8 * 1024, 1) };
        return new EndToEnd(server, session, options);
    }

    [Fact]
    public async Task ANewIdentity_IsAnnouncedOnce_NotAgainAfterAReconnect_ButPublishedAtEveryLogin()
    {
        IChatRequests server = Substitute.For<IChatRequests>();
        server.PublishKeysAsync(Arg.Any<KeysPutRequest>(), Arg.Any<CancellationToken>()).Returns(Task.CompletedTask);
        using EndToEnd e2e = Open(server);

        string? first = await e2e.StartSessionAsync();
        string? afterReconnect = await e2e.StartSessionAsync();

        Assert.StartsWith("made your end-to-end identity key", first, StringComparison.Ordinal);
        Assert.Null(afterReconnect);
        await server.Received(2).PublishKeysAsync(Arg.Any<KeysPutRequest>(), Arg.Any<CancellationToken>());
    }
}
