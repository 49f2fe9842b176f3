using System.Collections.Concurrent;
using TuiChat.Client.Core.Connection;
using TuiChat.Client.Core.Encryption;
using TuiChat.Client.Core.Files;
using TuiChat.Protocol;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.ViewModels;

/// <summary>
/// Where end-to-end encryption meets the view-model: direct messages are sealed before they are
/// sent (<see cref="MessageSender"/>) and opened before they are shown (<see cref="ChatContext.ToLine"/>),
/// files in a direct conversation are encrypted (<see cref="TransferTracker"/>), <c>/verify</c> and
/// <c>/trust</c> run here, and a direct conversation's <see cref="ConversationViewModel.Protection"/>
/// says how it is protected. The cryptography and the pins live in <see cref="EndToEnd"/>.
/// </summary>
internal sealed class DirectEncryption(ChatContext context, IChatEvents session) : IDisposable
{
    /// <summary>Null for guests (and when the client was started without it): direct messages go plain.</summary>
    private readonly EndToEnd? _e2e = context.Settings.EndToEnd is { } options ? new EndToEnd(context.Requests, session, options) : null;

    /// <summary>Users whose changed key this session already announced, so a burst of messages warns once.</summary>
    private readonly HashSet<string> _announcedKeyChanges = new(StringComparer.Ordinal);

    /// <summary>Keys of encrypted files announced in sealed messages, by file id.</summary>
    private readonly ConcurrentDictionary<string, FileSecret> _sealedFiles = new(StringComparer.Ordinal);

    private ConversationList Conversations => context.Conversations;

    /// <summary>How long a quit waits for the identity a login is still publishing (Argon2id takes about a second).</summary>
    private static readonly TimeSpan PublishingLimit = TimeSpan.FromSeconds(10);

    /// <summary>The latest login's loading and publication of the identity.</summary>
    private Task _starting = Task.CompletedTask;

    /// <summary>Loads or makes the identity and publishes it; at every login.</summary>
    public Task StartAsync()
    {
        Task starting = LoadAndPublishAsync();
        Volatile.Write(ref _starting, starting);
        return starting;
    }

    /// <summary>
    /// Waits (ten seconds at most, and never throws) until the latest login has published the
    /// identity. A quit at once after logging in, a new account's first login above all, would cut
    /// it short while Argon2id still derives the key: the account would have no published key, and
    /// direct messages to it would go in plain text until its next login.
    /// </summary>
    public Task FinishPublishingAsync() => Task.WhenAny(Volatile.Read(ref _starting), Task.Delay(PublishingLimit));

    private async Task LoadAndPublishAsync()
    {
        if (_e2e is not null && await _e2e.StartSessionAsync().ConfigureAwait(false) is { } notice)
        {
            context.Notice(notice);
        }
    }

    /// <summary>
    /// The text to send: sealed for a user when both sides have keys, else as typed (rooms, guests,
    /// keyless users). Null when it must not be sent (a changed key): the warning is then shown in
    /// the direct conversation and in the one the user is looking at.
    /// </summary>
    public async Task<string?> SealIfDirectAsync(string target, string text)
    {
        if (_e2e is null || NameRules.IsRoomName(target))
        {
            return text;
        }
        try
        {
            (string wire, bool encrypted) = await _e2e.SealAsync(target, text).ConfigureAwait(false);
            context.Post(() => ShowProtection(Conversations.GetOrAdd(target, ConversationKind.Direct), encrypted ? Sealing.Encrypted : Sealing.Plain));
            return wire;
        }
        catch (EndToEndException e)
        {
            context.Post(() =>
            {
                ConversationViewModel conversation = Conversations.GetOrAdd(target, ConversationKind.Direct);
                Conversations.AddNotice(conversation, e.Message, LineKind.Warning);
                if (Conversations.Selected != conversation)
                {
                    Conversations.AddNotice(null, e.Message, LineKind.Warning);
                }
                ShowProtection(conversation);
            });
            return null;
        }
    }

    /// <summary>
    /// Opens a direct message for display (UI thread); null for room lines or without encryption.
    /// A readable message signed by a changed key is shown after a warning that cannot be missed.
    /// </summary>
    public OpenedMessage? OpenIfDirect(ChatMessage message)
    {
        if (_e2e is null || NameRules.IsRoomName(message.To))
        {
            return null;
        }
        OpenedMessage opened = _e2e.Open(message);
        ConversationViewModel conversation = context.ConversationFor(message.From, message.To);
        if (opened.KeyChanged && _announcedKeyChanges.Add(NameRules.Key(message.From)))
        {
            Conversations.AddNotice(conversation, EndToEnd.KeyChangedWarning(message.From), LineKind.Warning);
        }
        ShowProtection(conversation, opened.Sealing);
        return opened;
    }

    /// <summary>
    /// A file for a user both of whose sides have keys: encrypted chunk by chunk, uploaded, then its
    /// key announced in a sealed message. Null when it is to go plain (rooms, guests, keyless users).
    /// </summary>
    public async Task<FileEvent?> SendSealedFileAsync(string target, FileInfo source, TransferTracker transfers)
    {
        if (_e2e is null || NameRules.IsRoomName(target) || !await _e2e.CanSealToAsync(target).ConfigureAwait(false))
        {
            return null;
        }
        (string cipherPath, FileSecret secret) = await EncryptedFile.EncryptAsync(source.FullName, Path.GetTempPath()).ConfigureAwait(false);
        try
        {
            var transfer = new TransferViewModel(source.Name + " 🔒", isUpload: true, new FileInfo(cipherPath).Length);
            FileEvent uploaded = await transfers.TrackAsync(transfer, progress => context.Requests.UploadFileAsync(target, cipherPath, progress)).ConfigureAwait(false);
            (string wire, bool encrypted) = await _e2e.SealAsync(target, (secret with { FileId = uploaded.FileId }).ToText()).ConfigureAwait(false);
            if (!encrypted)
            {
                throw new EndToEndException($"{target}'s keys vanished during the upload: the file's key was not sent, so nobody can read it");
            }
            await context.Requests.SendMessageAsync(target, wire).ConfigureAwait(false);
            return uploaded;
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(cipherPath)!, recursive: true);
        }
    }

    /// <summary>The server's own offer of an encrypted file is not shown: the sealed message that carries its key is (UI thread).</summary>
    public bool IsSealedFileOffer(FileEvent file) =>
        _e2e is not null && !NameRules.IsRoomName(file.To) && file.Name == EncryptedFile.WireName;

    /// <summary>A decrypted message that announces an encrypted file becomes its offer line (UI thread); null otherwise.</summary>
    public LogLine? SealedFileLine(ChatMessage message, OpenedMessage? opened)
    {
        if (opened?.Sealing != Sealing.Encrypted || FileSecret.TryParse(opened.Text) is not { } secret)
        {
            return null;
        }
        _sealedFiles[secret.FileId] = secret;
        var offer = new FileOffer(secret.FileId, message.From, message.To, Text.TextSanitizer.ForLine(secret.Name), secret.Size, secret.Sha256);
        context.FileOffers[secret.FileId] = offer;
        return context.MakeLine(message.MsgId, context.ParseTime(message.Ts), LineKind.FileOffer, message.From, offer.Name, message.Offline, offer);
    }

    /// <summary>Downloads an encrypted file's ciphertext (the server checks its SHA-256), decrypts it and checks the plaintext's.</summary>
    public async Task<string?> SaveSealedFileAsync(string fileId, string? name, TransferTracker transfers)
    {
        if (!_sealedFiles.TryGetValue(fileId, out FileSecret? secret) || context.FileOffers.GetValueOrDefault(fileId) is not { } offer)
        {
            return null;
        }
        string root = Path.GetFullPath(context.Settings.DownloadsFolder);
        string scratch = Path.Combine(root, ".e2e-" + Guid.NewGuid().ToString("N"));
        try
        {
            var transfer = new TransferViewModel(offer.Name + " 🔒", isUpload: false, 0);
            string cipher = await transfers.TrackAsync(transfer,
                progress => new FileDownloader(context.Requests, scratch).DownloadAsync(fileId, null, EncryptedFile.WireName, progress)).ConfigureAwait(false);
            string target = DownloadNames.FreePath(root, name is null ? DownloadNames.DefaultName(offer) : DownloadNames.Sanitize(name));
            await EncryptedFile.DecryptAsync(cipher, secret, target).ConfigureAwait(false);
            context.Notice($"saved {fileId} to {target} (decrypted; SHA-256 checked)");
            return target;
        }
        catch (EnvelopeException e)
        {
            throw new EndToEndException($"the encrypted file {offer.Name} was refused: {e.Message}; nothing was saved");
        }
        finally
        {
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
    }

    public async Task VerifyAsync(string user, string? confirm)
    {
        EndToEnd e2e = RequireEncryption();
        if (confirm is not null && !confirm.Equals("confirm", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"/verify {user} shows the safety number; /verify {user} confirm marks it verified");
        }
        if (confirm is null)
        {
            string number = await e2e.SafetyNumberAsync(user).ConfigureAwait(false);
            context.Post(() =>
            {
                ConversationViewModel conversation = Conversations.GetOrAdd(user, ConversationKind.Direct);
                Conversations.AddNotice(conversation, $"safety number with {user}: {number}");
                Conversations.AddNotice(conversation, e2e.LevelOf(user) == TrustLevel.Changed
                    ? $"this is for {user}'s NEW key. If {user} reads you the same digits: /trust {user}"
                    : $"compare it with {user} in person or by a call; if the digits match: /verify {user} confirm");
                ShowProtection(conversation);
            });
            return;
        }
        if (!await e2e.ConfirmAsync(user).ConfigureAwait(false))
        {
            throw new EndToEndException(e2e.LevelOf(user) == TrustLevel.Changed
                ? $"{user}'s key changed: compare the new safety number (/verify {user}), then /trust {user} first"
                : $"no key of {user} is pinned yet: /verify {user} first");
        }
        context.Post(() =>
        {
            ConversationViewModel conversation = Conversations.GetOrAdd(user, ConversationKind.Direct);
            Conversations.AddNotice(conversation, $"✔ {user} is verified: you compared the safety number");
            ShowProtection(conversation);
        });
    }

    public async Task TrustAsync(string user)
    {
        EndToEnd e2e = RequireEncryption();
        if (!await e2e.TrustAsync(user).ConfigureAwait(false))
        {
            throw new ArgumentException($"nothing to trust: {user}'s key has not changed");
        }
        context.Post(() =>
        {
            ConversationViewModel conversation = Conversations.GetOrAdd(user, ConversationKind.Direct);
            _announcedKeyChanges.Remove(NameRules.Key(user));
            Conversations.AddNotice(conversation, $"you accepted {user}'s new key; messages to {user} are encrypted to it (not verified: /verify {user})");
            ShowProtection(conversation);
        });
    }

    private EndToEnd RequireEncryption() =>
        _e2e ?? throw new ArgumentException("end-to-end encryption needs a registered account (guests send plain text)");

    /// <summary>Sets a direct conversation's title mark from the pins, or from how a message just travelled (UI thread).</summary>
    public void ShowProtection(ConversationViewModel conversation, Sealing? seen = null)
    {
        if (_e2e is null || conversation.Kind != ConversationKind.Direct)
        {
            return;
        }
        string protection = _e2e.LevelOf(conversation.Target) switch
        {
            TrustLevel.Changed => "⚠ key changed",
            TrustLevel.Verified => "✔ verified",
            TrustLevel.Pinned => "🔒 encrypted",
            _ => seen == Sealing.Plain ? "plain text, not encrypted" : conversation.Protection,
        };
        conversation.Protection = protection;
    }

    /// <summary>A warning line in the selected conversation; safe from any thread.</summary>
    public void Warn(string text) => context.Post(() => Conversations.AddNotice(null, text, LineKind.Warning));

    public void Dispose() => _e2e?.Dispose();
}
