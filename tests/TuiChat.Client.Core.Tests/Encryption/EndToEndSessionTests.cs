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

    private EndToEnd Open(IChatRequests server, string password = "bob-password")
    {
        IChatEvents session = Substitute.For<IChatEvents>();
        session.UserName.Returns("bob");
        var options = new EndToEndOptions(new KeyFolder(Path.Combine(_root, "keys"), "bob"), password) { Cost = new Argon2Cost(8 * 1024, 1) };
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

    [Fact]
    public async Task AKeyFileThatDoesNotOpen_IsKeptAsItIs_AndTheUserIsToldWhatItMeansAndWhatToDo()
    {
        IChatRequests server = Substitute.For<IChatRequests>();
        server.PublishKeysAsync(Arg.Any<KeysPutRequest>(), Arg.Any<CancellationToken>()).Returns(Task.CompletedTask);
        using (EndToEnd first = Open(server))
        {
            await first.StartSessionAsync();
        }
        string keyFile = Assert.Single(Directory.GetFiles(_root, "*.key", SearchOption.AllDirectories));
        byte[] before = File.ReadAllBytes(keyFile);
        server.ClearReceivedCalls();

        using EndToEnd other = Open(server, "not-bob-password");
        string? told = await other.StartSessionAsync();

        Assert.NotNull(told);
        Assert.StartsWith("end-to-end encryption is off: ", told, StringComparison.Ordinal);
        Assert.Contains("does not open with this account's password", told, StringComparison.Ordinal);
        Assert.Contains("Direct messages you send go in plain text.", told, StringComparison.Ordinal);
        Assert.EndsWith("move that file away and log in again (your contacts will see a key change).", told, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(keyFile));
        await server.DidNotReceive().PublishKeysAsync(Arg.Any<KeysPutRequest>(), Arg.Any<CancellationToken>());
    }
}
