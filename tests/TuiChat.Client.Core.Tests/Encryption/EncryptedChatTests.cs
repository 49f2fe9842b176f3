using System.Text;
using NSubstitute;
using TuiChat.Client.Core.Connection;
using TuiChat.Client.Core.Encryption;
using TuiChat.Client.Core.Tests.Support;
using TuiChat.Client.Core.ViewModels;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.Tests.Encryption;

/// <summary>
/// The view-model with end-to-end encryption on, for "alice", over a substitute connection whose
/// key directory hands out bob's keys: what is sent, what is shown, and what is refused.
/// </summary>
public sealed class EncryptedChatTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("tuichat-e2e-vm-").FullName;
    private readonly IdentityKeyPair _bob = TestKeys.Bob();
    private readonly ChatFixture _fixture;
    private readonly IChatRequests _server;
    private readonly ChatViewModel _chat;
    private KeysPutRequest? _published;

    public EncryptedChatTests()
    {
        var options = new EndToEndOptions(new KeyFolder(Path.Combine(_root, "keys"), "alice"), "alice-password") { Cost = new Argon2Cost(8 * 1024, 1) };
        _fixture = new ChatFixture(Path.Combine(_root, "downloads"), endToEnd: options);
        _server = _fixture.Server;
        _chat = _fixture.Chat;
        _server.PublishKeysAsync(Arg.Do<KeysPutRequest>(k => _published = k), Arg.Any<CancellationToken>()).Returns(Task.CompletedTask);
        _server.SendMessageAsync(default!, default!, default)
            .ReturnsForAnyArgs(Task.FromResult(new MsgOk { Re = "1", MsgId = 1, Ts = ChatFixture.Ts }));
        HandOut("bob", _bob);
    }

    public void Dispose()
    {
        _fixture.Dispose();
        _bob.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private void HandOut(string user, IdentityKeyPair? keys)
    {
        KeysPutRequest? published = keys?.Publish(user).ToRequest();
        var reply = new KeysOk { Re = "1", User = user, Agreement = published?.Agreement, Signing = published?.Signing, Signature = published?.Signature };
        _server.GetKeysAsync(user, Arg.Any<CancellationToken>()).Returns(Task.FromResult(reply));
    }

    /// <summary>Logs in: alice's identity is made and published; returns her public keys as the server saw them.</summary>
    private async Task<(byte[] Agreement, byte[] Signing)> LogInAsync()
    {
        _fixture.RaiseSession(isReconnect: false);
        await Eventually.True(() => _published is not null, "alice's keys to be published");
        return (Convert.FromBase64String(_published!.Agreement), Convert.FromBase64String(_published.Signing));
    }

    private void Receive(long id, string from, string to, string text) => _fixture.Message(id, from, to, text);

    /// <summary>What bob's client would send alice.</summary>
    private string SealFromBob(byte[] aliceAgreement, string text, string recipient = "alice") =>
        new SealedMessage(_bob.AgreementPublic, _bob.SigningPublic,
            SealedEnvelope.Seal(_bob, "bob", recipient, aliceAgreement, Encoding.UTF8.GetBytes(text)),
            SealedEnvelope.Seal(_bob, "bob", "bob", _bob.AgreementPublic, Encoding.UTF8.GetBytes(text))).ToText();

    private ConversationViewModel Direct(string user) => _chat.Conversations.Single(c => c.Name == "@" + user);

    [Fact]
    public async Task QuitRightAfterLogin_WaitsUntilTheKeyIsPublished_SoDirectMessagesToANewAccountAreNotPlain()
    {
        var publishing = new TaskCompletionSource();
        _server.PublishKeysAsync(Arg.Do<KeysPutRequest>(k => _published = k), Arg.Any<CancellationToken>()).Returns(publishing.Task);
        _server.QuitAsync(Arg.Any<string?>(), Arg.Any<CancellationToken>()).Returns(Task.CompletedTask);
        _fixture.RaiseSession(isReconnect: false);

        Task quit = _chat.ExecuteAsync("/quit");
        await Eventually.True(() => _published is not null, "alice's keys to be sent");

        await _server.DidNotReceiveWithAnyArgs().QuitAsync(default, default);
        Assert.False(quit.IsCompleted);
        publishing.SetResult();
        await quit;
        await _server.Received(1).QuitAsync(Arg.Any<string?>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task DirectMessage_GoesSealed_AndAlicesOwnCopyReadsBack()
    {
        await LogInAsync();
        string? sent = null;
        await _server.SendMessageAsync("bob", Arg.Do<string>(t => sent = t), Arg.Any<CancellationToken>());
        _server.ClearReceivedCalls();

        await _chat.ExecuteAsync("/msg bob the launch code is 0000");

        Assert.NotNull(sent);
        Assert.StartsWith(SealedMessage.Prefix, sent, StringComparison.Ordinal);
        Assert.DoesNotContain("launch", sent, StringComparison.Ordinal);
        Receive(7, "alice", "bob", sent);
        LogLine own = Direct("bob").Lines.Single(l => l.MsgId == 7);
        Assert.Equal(LineKind.Own, own.Kind);
        Assert.Equal("the launch code is 0000", own.Text);
        Assert.False(own.Plain);
        Assert.Equal("🔒 encrypted", Direct("bob").Protection);
    }

    [Fact]
    public async Task SealedMessageFromBob_IsShownDecrypted()
    {
        (byte[] agreement, _) = await LogInAsync();

        Receive(8, "bob", "alice", SealFromBob(agreement, "olá, tudo bem? 👋"));

        LogLine line = Direct("bob").Lines.Single(l => l.MsgId == 8);
        Assert.Equal(LineKind.Chat, line.Kind);
        Assert.Equal("olá, tudo bem? 👋", line.Text);
        Assert.Equal("🔒 encrypted", Direct("bob").Protection);
    }

    public static TheoryData<string> Tamperings => new() { "ciphertext", "signature", "sender" };

    [Theory]
    [MemberData(nameof(Tamperings))]
    public async Task TamperedMessage_IsRefusedWithAWarning_NeverShownAsText(string what)
    {
        (byte[] agreement, _) = await LogInAsync();
        SealedMessage sealedMessage = SealedMessage.Parse(SealFromBob(agreement, "secret plans"));
        string from = "bob";
        switch (what)
        {
            case "ciphertext":
                sealedMessage.ForRecipient[60] ^= 1;
                break;
            case "signature":
                sealedMessage.ForRecipient[^1] ^= 1;
                break;
            default:
                // The server relays bob's message as if carol sent it.
                from = "carol";
                break;
        }

        Receive(9, from, "alice", sealedMessage.ToText());

        LogLine line = Direct(from).Lines.Single(l => l.MsgId == 9);
        Assert.Equal(LineKind.Warning, line.Kind);
        Assert.Contains("refused", line.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", line.Display, StringComparison.Ordinal);
        Assert.DoesNotContain(SealedMessage.Prefix, line.Display, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MessageSealedForSomeoneElse_IsRefused()
    {
        await LogInAsync();
        using IdentityKeyPair carol = IdentityKeyPair.Generate();

        Receive(10, "bob", "alice", SealFromBob(carol.AgreementPublic, "for carol only", recipient: "carol"));

        LogLine line = Direct("bob").Lines.Single(l => l.MsgId == 10);
        Assert.Equal(LineKind.Warning, line.Kind);
        Assert.DoesNotContain("carol only", line.Display, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangedKey_IsAnnounced_AndBlocksSendingUntilTrust()
    {
        await LogInAsync();
        await _chat.ExecuteAsync("/msg bob first");
        using IdentityKeyPair newBob = IdentityKeyPair.Generate();
        HandOut("bob", newBob);
        _server.ClearReceivedCalls();

        await _chat.ExecuteAsync("/msg bob are you still you?");

        await _server.DidNotReceiveWithAnyArgs().SendMessageAsync(default!, default!, default);
        Assert.Contains(Direct("bob").Lines, l => l.Kind == LineKind.Warning && l.Text.Contains("CHANGED", StringComparison.Ordinal));
        Assert.Equal("⚠ key changed", Direct("bob").Protection);

        await _chat.ExecuteAsync("/trust bob");
        await _chat.ExecuteAsync("/msg bob are you still you?");

        await _server.Received(1).SendMessageAsync("bob", Arg.Is<string>(t => t.StartsWith(SealedMessage.Prefix)), Arg.Any<CancellationToken>());
        Assert.Equal("🔒 encrypted", Direct("bob").Protection);
    }

    [Fact]
    public async Task Verify_ShowsTheSafetyNumber_AndConfirmMarksVerified()
    {
        (byte[] agreement, byte[] signing) = await LogInAsync();
        _chat.OpenDirect("bob");

        await _chat.ExecuteAsync("/verify bob");
        await _chat.ExecuteAsync("/verify bob confirm");

        string expected = SafetyNumber.Compute("bob", _bob.AgreementPublic, _bob.SigningPublic, "alice", agreement, signing);
        Assert.Contains(Direct("bob").Lines, l => l.Text == "safety number with bob: " + expected);
        Assert.Equal("✔ verified", Direct("bob").Protection);
    }

    [Fact]
    public async Task UserWithoutKeys_GetsPlainText_MarkedAsSuch()
    {
        await LogInAsync();
        HandOut("carol", null);

        await _chat.ExecuteAsync("/msg carol hello guest");
        Receive(11, "alice", "carol", "hello guest");

        await _server.Received(1).SendMessageAsync("carol", "hello guest", Arg.Any<CancellationToken>());
        LogLine line = Direct("carol").Lines.Single(l => l.MsgId == 11);
        Assert.True(line.Plain);
        Assert.Contains("[plain]", line.Display, StringComparison.Ordinal);
        Assert.Equal("plain text, not encrypted", Direct("carol").Protection);
    }

    [Fact]
    public async Task PinnedUserWhoseKeysVanish_IsNotSentPlainText()
    {
        await LogInAsync();
        await _chat.ExecuteAsync("/msg bob first");
        HandOut("bob", null);
        _server.ClearReceivedCalls();

        await _chat.ExecuteAsync("/msg bob downgrade me");

        await _server.DidNotReceiveWithAnyArgs().SendMessageAsync(default!, default!, default);
        Assert.Contains(Direct("bob").Lines, l => l.Kind == LineKind.Warning && l.Text.Contains("no longer", StringComparison.Ordinal));
    }
}
