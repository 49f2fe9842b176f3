using System.Text;
using TuiChat.Client.Core.Connection;
using TuiChat.Protocol;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.Encryption;

/// <summary>
/// End-to-end encryption of direct messages for one logged-in account: loads (or makes) the
/// identity, publishes it, seals outgoing direct messages to the recipient and to the account
/// itself, opens incoming ones, and keeps the TOFU pins. The view-model only asks it to seal,
/// open, verify and trust. Thread-safe.
/// </summary>
public sealed class EndToEnd : IDisposable
{
    private readonly IChatRequests _server;
    private readonly IChatEvents _session;
    private readonly EndToEndOptions _options;
    private readonly Lazy<Task<Identity>> _identity;

    /// <summary>1 once the user was told a new identity was made: a reconnect logs in again, with the same key.</summary>
    private int _toldCreated;

    /// <param name="server">publishes this account's keys and fetches the others'</param>
    /// <param name="session">the account's user name as the server spells it</param>
    /// <param name="options">where the key file is and the password that opens it</param>
    public EndToEnd(IChatRequests server, IChatEvents session, EndToEndOptions options)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(options);
        _server = server;
        _session = session;
        _options = options;
        // Argon2id takes a moment: off the caller's thread, once.
        _identity = new Lazy<Task<Identity>>(() => Task.Run(LoadIdentity));
    }

    /// <summary>
    /// After each login: makes sure the identity is loaded and publishes it. Returns a notice for
    /// the user when something is worth saying (a new identity was made: said once, not again at
    /// each reconnect), else null.
    /// </summary>
    public async Task<string?> StartSessionAsync()
    {
        Identity identity = await _identity.Value.ConfigureAwait(false);
        if (identity.Keys is null)
        {
            return identity.Problem;
        }
        try
        {
            await _server.PublishKeysAsync(identity.Keys.Publish(_session.UserName).ToRequest()).ConfigureAwait(false);
        }
        catch (ChatRequestException e) when (e.Code == ErrorCodes.BadRequest)
        {
            return "this server keeps no encryption keys (keys.put is unknown to it): direct messages go in plain text";
        }
        return identity.Created && Interlocked.Exchange(ref _toldCreated, 1) == 0
            ? $"made your end-to-end identity key; it is kept encrypted with your password in {_options.Folder.KeyFilePath}"
            : null;
    }

    /// <summary>
    /// The text to send to <paramref name="user"/>: sealed when both sides have keys; the plain
    /// <paramref name="text"/> (with <paramref name="encrypted"/> false) when the user has none.
    /// </summary>
    /// <exception cref="EndToEndException">The user's key changed (nothing is sent until /trust), or the message is too long to seal.</exception>
    public async Task<(string Text, bool Encrypted)> SealAsync(string user, string text)
    {
        Identity identity = await _identity.Value.ConfigureAwait(false);
        if (identity.Keys is null || await RecipientAsync(identity, user).ConfigureAwait(false) is not { } theirs)
        {
            return (text, false);
        }
        byte[] plaintext = Encoding.UTF8.GetBytes(text);
        if (plaintext.Length > SealedMessage.MaxPlaintextBytes)
        {
            throw new EndToEndException(
                $"an encrypted message holds at most {SealedMessage.MaxPlaintextBytes} bytes (this one has {plaintext.Length}); nothing was sent, split it");
        }
        string self = _session.UserName;
        var sealedMessage = new SealedMessage(identity.Keys.AgreementPublic, identity.Keys.SigningPublic,
            SealedEnvelope.Seal(identity.Keys, self, user, theirs.Agreement, plaintext),
            SealedEnvelope.Seal(identity.Keys, self, self, identity.Keys.AgreementPublic, plaintext));
        return (sealedMessage.ToText(), true);
    }

    /// <summary>True when what is sent to <paramref name="user"/> now would be encrypted (both sides have keys, none changed).</summary>
    /// <exception cref="EndToEndException">The user's key changed or vanished: nothing may be sent.</exception>
    public async Task<bool> CanSealToAsync(string user)
    {
        Identity identity = await _identity.Value.ConfigureAwait(false);
        return identity.Keys is not null && await RecipientAsync(identity, user).ConfigureAwait(false) is not null;
    }

    /// <summary>Opens a direct message for display. Never throws for a bad message: it comes back <see cref="Sealing.Refused"/>.</summary>
    public OpenedMessage Open(ChatMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!SealedMessage.IsSealed(message.Text))
        {
            return new OpenedMessage(Sealing.Plain, message.Text);
        }
        try
        {
            return OpenSealed(message);
        }
        catch (EnvelopeException e)
        {
            return new OpenedMessage(Sealing.Refused, $"an encrypted message from {message.From} was refused: {e.Message}");
        }
    }

    /// <summary>How the conversation with <paramref name="user"/> is protected, for its title.</summary>
    public TrustLevel LevelOf(string user) =>
        _identity.IsValueCreated && _identity.Value.IsCompletedSuccessfully && _identity.Value.Result.Trust is { } trust
            ? trust.LevelOf(user)
            : TrustLevel.None;

    /// <summary>
    /// <c>/verify user</c>: the 60-digit safety number of this account's and <paramref name="user"/>'s
    /// keys; after a key change, of the new keys (so they can be compared before <c>/trust</c>).
    /// </summary>
    public async Task<string> SafetyNumberAsync(string user)
    {
        Identity identity = await RequireIdentityAsync().ConfigureAwait(false);
        PublicIdentity theirs = await FetchAsync(user).ConfigureAwait(false)
            ?? throw new EndToEndException($"{user} has no end-to-end keys: messages to {user} are plain text");
        identity.Trust!.Observe(user, theirs.Agreement, theirs.Signing);
        return SafetyNumber.Compute(_session.UserName, identity.Keys!.AgreementPublic, identity.Keys.SigningPublic,
            user, theirs.Agreement, theirs.Signing);
    }

    /// <summary><c>/verify user confirm</c>.</summary>
    public async Task<bool> ConfirmAsync(string user) => (await RequireIdentityAsync().ConfigureAwait(false)).Trust!.MarkVerified(user);

    /// <summary><c>/trust user</c>: accepts a changed key.</summary>
    public async Task<bool> TrustAsync(string user) => (await RequireIdentityAsync().ConfigureAwait(false)).Trust!.AcceptChange(user);

    public static string KeyChangedWarning(string user) =>
        $"⚠ {user}'s encryption key CHANGED: someone may be reading along, or {user} made a new key. " +
        $"Compare safety numbers (/verify {user}) in person or by a call, then /trust {user} to accept the new key.";

    public void Dispose()
    {
        if (_identity.IsValueCreated && _identity.Value.IsCompletedSuccessfully)
        {
            _identity.Value.Result.Keys?.Dispose();
        }
    }

    private OpenedMessage OpenSealed(ChatMessage message)
    {
        Identity identity = _identity.Value.GetAwaiter().GetResult();
        if (identity.Keys is null)
        {
            throw new EnvelopeException("this client has no identity key to read it" + (identity.Problem is null ? "" : $" ({identity.Problem})"));
        }
        string self = _session.UserName;
        SealedMessage sealedMessage = SealedMessage.Parse(message.Text);
        bool fromSelf = NameRules.Key(message.From) == NameRules.Key(self);
        if (!fromSelf && NameRules.Key(message.To) != NameRules.Key(self))
        {
            throw new EnvelopeException($"it is addressed to {message.To}, not to you");
        }
        if (fromSelf && !(identity.Keys.AgreementPublic.AsSpan().SequenceEqual(sealedMessage.SenderAgreement)
            && identity.Keys.SigningPublic.AsSpan().SequenceEqual(sealedMessage.SenderSigning)))
        {
            throw new EnvelopeException("you sent it with an earlier identity key, which this client no longer has");
        }
        byte[] plaintext = fromSelf
            ? SealedEnvelope.Open(identity.Keys, self, self, sealedMessage.SenderSigning, sealedMessage.ForSender)
            : SealedEnvelope.Open(identity.Keys, message.From, self, sealedMessage.SenderSigning, sealedMessage.ForRecipient);
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(plaintext);
        }
        catch (DecoderFallbackException)
        {
            throw new EnvelopeException("its content is not UTF-8 text");
        }
        bool changed = !fromSelf
            && identity.Trust!.Observe(message.From, sealedMessage.SenderAgreement, sealedMessage.SenderSigning) == TrustLevel.Changed
            && identity.Trust.Pinned(message.From) is { } pinned
            && !(pinned.Agreement.AsSpan().SequenceEqual(sealedMessage.SenderAgreement) && pinned.Signing.AsSpan().SequenceEqual(sealedMessage.SenderSigning));
        return new OpenedMessage(Sealing.Encrypted, text, changed);
    }

    /// <summary>The keys to encrypt to, or null when <paramref name="user"/> has none (plain text).</summary>
    private async Task<PublicIdentity?> RecipientAsync(Identity identity, string user)
    {
        PublicIdentity? theirs = await FetchAsync(user).ConfigureAwait(false);
        if (theirs is null)
        {
            // A key once pinned does not silently vanish: that is how a server would downgrade to plain text.
            return identity.Trust!.Pinned(user) is null ? null
                : throw new EndToEndException($"the server no longer hands out {user}'s key, which you pinned: nothing was sent. Ask {user} to log in again.");
        }
        return identity.Trust!.Observe(user, theirs.Agreement, theirs.Signing) == TrustLevel.Changed
            ? throw new EndToEndException(KeyChangedWarning(user) + " Nothing was sent.")
            : theirs;
    }

    private async Task<PublicIdentity?> FetchAsync(string user)
    {
        KeysOk reply;
        try
        {
            reply = await _server.GetKeysAsync(user).ConfigureAwait(false);
        }
        catch (ChatRequestException e) when (e.Code == ErrorCodes.BadRequest)
        {
            // A server without the key directory: nobody there has keys.
            return null;
        }
        PublicIdentity? identity = PublicIdentity.FromReply(reply);
        if (identity is not null && !identity.IsSelfSigned())
        {
            throw new EndToEndException($"the keys the server hands out for {user} are not signed by their owner: not using them");
        }
        return identity;
    }

    private async Task<Identity> RequireIdentityAsync()
    {
        Identity identity = await _identity.Value.ConfigureAwait(false);
        return identity.Keys is not null ? identity
            : throw new EndToEndException(identity.Problem ?? "end-to-end encryption is off in this session");
    }

    private Identity LoadIdentity()
    {
        try
        {
            IdentityKeyPair keys = KeyFile.LoadOrCreate(_options.Folder, _session.UserName, _options.Password, _options.Cost, out bool created);
            return new Identity(keys, TrustStore.Open(_options.Folder), created, null);
        }
        catch (Exception e) when (e is KeyFileException or IOException or UnauthorizedAccessException)
        {
            // A file that does not open is never replaced here (it may be the one copy of the
            // identity, and the password typed may be the wrong one): the user decides, and is told how.
            string remedy = e is KeyFileException
                ? " For a new identity, move that file away and log in again (your contacts will see a key change)."
                : "";
            return new Identity(null, null, false,
                $"end-to-end encryption is off: {e.Message}. Direct messages you send go in plain text.{remedy}");
        }
    }

    /// <summary>The loaded identity and pins, or why there are none.</summary>
    private sealed record Identity(IdentityKeyPair? Keys, TrustStore? Trust, bool Created, string? Problem);
}

/// <summary>An end-to-end refusal for the user: a changed key, an over-long message, or keys that cannot be used.</summary>
public sealed class EndToEndException(string message) : Exception(message);
