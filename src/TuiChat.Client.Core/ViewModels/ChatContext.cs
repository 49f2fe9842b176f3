using System.Collections.Concurrent;
using TuiChat.Client.Core.Connection;
using TuiChat.Client.Core.Encryption;
using TuiChat.Client.Core.Text;
using TuiChat.Protocol;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.ViewModels;

/// <summary>
/// What the parts of <see cref="ChatViewModel"/> share: what they may ask of the server, the
/// dispatcher, the settings, the conversation list and the users seen; and how a server message
/// becomes a line. What the server says unasked reaches the parts through <see cref="ChatViewModel"/>.
/// </summary>
internal sealed class ChatContext(IChatRequests requests, IChatEvents session, IUiDispatcher dispatcher, ChatSettings settings)
{
    public IChatRequests Requests { get; } = requests;

    /// <summary>The user name as the server spelled it after login.</summary>
    public string UserName => session.UserName;

    /// <summary>How the connection stands now (any thread; the status line shows it a post later).</summary>
    public ConnectionStatus ConnectionStatus => session.Status;

    /// <summary>"host:port" of the server in use, or last tried.</summary>
    public string ServerAddress => session.ServerAddress;

    public ChatSettings Settings { get; } = settings;
    public ConversationList Conversations { get; } = new(settings);
    public KnownUsers Users { get; } = new();

    /// <summary>Which join and leave lines <c>[display] hide_join_part</c> lets through.</summary>
    public JoinPartFilter JoinParts { get; } = new(settings);

    /// <summary>Files announced in this session, by id, for <c>/save</c>.</summary>
    public ConcurrentDictionary<string, FileOffer> FileOffers { get; } = new(StringComparer.Ordinal);

    /// <summary>Runs <paramref name="action"/> on the UI thread (at once when already there).</summary>
    public void Post(Action action) => dispatcher.Post(action);

    /// <summary>Posts a notice for the selected conversation; safe from any thread.</summary>
    public void Notice(string text) => Post(() => Conversations.AddNotice(null, text));

    public IUiDispatcher Dispatcher => dispatcher;

    /// <summary>Seals and opens direct messages and their files (plain when the account has no keys).</summary>
    // Made on first use because it needs this context; ChatViewModel's constructor makes it.
    public DirectEncryption DirectEncryption => _encryption ??= new DirectEncryption(this, session);

    private DirectEncryption? _encryption;

    public bool IsSelf(string user) => NameRules.Key(user) == NameRules.Key(UserName);

    public LogLine MakeLine(long? msgId, DateTimeOffset time, LineKind kind, string? from, string text,
        bool offline = false, FileOffer? file = null, bool pending = false) => new()
        {
            MsgId = msgId,
            Time = time,
            TimeText = Settings.TimeText(time),
            Kind = kind,
            From = from is null ? null : TextSanitizer.ForLine(from),
            Text = text,
            Offline = offline,
            File = file,
            Pending = pending,
            // ToLine makes every message of the user's an Own line (it has asked IsSelf already):
            // only a file offer, the one other kind with a sender, can be the user's without it.
            Mine = kind == LineKind.Own || kind == LineKind.FileOffer && from is not null && IsSelf(from),
        };

    /// <summary>A server message as a log line: the user's own, one naming the user, or another's.</summary>
    public LogLine ToLine(ChatMessage message)
    {
        OpenedMessage? opened = DirectEncryption.OpenIfDirect(message);
        if (opened?.Sealing == Sealing.Refused)
        {
            return MakeLine(message.MsgId, ParseTime(message.Ts), LineKind.Warning, null, TextSanitizer.ForText(opened.Text));
        }
        if (DirectEncryption.SealedFileLine(message, opened) is { } fileLine)
        {
            return fileLine;
        }
        string text = TextSanitizer.ForText(opened?.Text ?? message.Text);
        LineKind kind = IsSelf(message.From) ? LineKind.Own
            : IsHighlight(text) ? LineKind.Mention
            : LineKind.Chat;
        return MakeLine(message.MsgId, ParseTime(message.Ts), kind, message.From, text, message.Offline) with
        {
            Plain = opened?.Sealing == Sealing.Plain,
            Notice = message.Notice,
        };
    }

    /// <summary>The user is on the <c>[people] ignore</c> list (<c>/ignore</c>): their messages and files are not shown.</summary>
    public bool IsIgnored(string user) =>
        !IsSelf(user) && Settings.Preferences.Ignored.Any(ignored => NameRules.Key(ignored) == NameRules.Key(user));

    /// <summary>The text names the user, or one of the <c>[notify] highlight_words</c>, as a whole word.</summary>
    public bool IsHighlight(string text) =>
        MentionDetector.Mentions(text, UserName)
        || Settings.Preferences.HighlightWords.Any(word => MentionDetector.Mentions(text, word));

    public DateTimeOffset ParseTime(string ts) =>
        Timestamps.TryParse(ts, out DateTimeOffset time) ? time : Settings.Time.GetUtcNow();

    /// <summary>Where a message or file belongs: its room, or the direct conversation with the other party (UI thread).</summary>
    public ConversationViewModel ConversationFor(string from, string to) =>
        NameRules.IsRoomName(to) ? Conversations.GetOrAdd(to) : Conversations.GetOrAdd(IsSelf(from) ? to : from, ConversationKind.Direct);

    /// <summary>Runs background work and turns its expected failures into notices.</summary>
    public async Task GuardAsync(Func<Task> work)
    {
        try
        {
            await work().ConfigureAwait(false);
        }
        catch (ChatRequestException e) when (e.Code == ChatRequestException.Disconnected
            && session.Status.State is ConnectionState.Disconnected)
        {
            // The session ended for good (the user quit, a re-login was refused), which its own line
            // says: work it cut short (publishing the keys, still deriving them at a quick /quit) is
            // not news, and was printed as "error: not connected" after "bye".
        }
        catch (ChatRequestException e)
        {
            Notice(e.Describe());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            Notice("error: " + e.Message);
        }
        catch (EndToEndException e)
        {
            DirectEncryption.Warn(e.Message);
        }
    }
}
