using System.Collections.Concurrent;
using System.Collections.ObjectModel;
using TuiChat.Client.Core.Commands;
using TuiChat.Client.Core.Connection;
using TuiChat.Client.Core.Text;
using TuiChat.Protocol;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.ViewModels;

/// <summary>
/// The root view-model of a chat client: the conversation list, the selected conversation, the
/// input line and the status line, driven by an <see cref="IChatConnection"/>. Both the
/// full-screen client and the menu client sit on top of it.
/// <para>Threading: every change to observable state happens inside
/// <see cref="IUiDispatcher.Post"/>. Public methods may be called from the UI thread; the async
/// ones return once the server has answered, with their results already posted.</para>
/// </summary>
public sealed partial class ChatViewModel : ObservableObject, IDisposable
{
    private readonly IChatConnection _connection;
    private readonly IUiDispatcher _dispatcher;
    private readonly ChatSettings _settings;
    private readonly ConcurrentDictionary<string, FileOffer> _fileOffers = new(StringComparer.Ordinal);

    /// <summary>Known user names by key, with their role when a <c>users</c> reply told it.</summary>
    private readonly ConcurrentDictionary<string, (string Name, string Role)> _knownUsers = new(StringComparer.Ordinal);

    /// <summary>Notices that came before any conversation existed; shown in the first one selected.</summary>
    private readonly List<LogLine> _pendingNotices = [];

    private ConversationViewModel? _selected;
    private ConnectionStatus _connectionStatus;
    private string _statusText = "";

    public ChatViewModel(IChatConnection connection, IUiDispatcher dispatcher, ChatSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(dispatcher);
        _connection = connection;
        _dispatcher = dispatcher;
        _settings = settings ?? new ChatSettings();
        _e2e = _settings.EndToEnd is { } e2e ? new Encryption.EndToEnd(connection, e2e) : null;
        _connectionStatus = connection.Status;
        Input = new InputLineViewModel(this);
        UpdateStatusText();

        _connection.StatusChanged += OnStatusChanged;
        _connection.SessionStarted += OnSessionStarted;
        _connection.EventReceived += OnEventReceived;
        _connection.ErrorReceived += OnErrorReceived;
    }

    /// <summary>Rooms first, then groups, then direct conversations; each group sorted by name.</summary>
    public ObservableCollection<ConversationViewModel> Conversations { get; } = [];

    /// <summary>The conversation shown in the log, member list and addressed by plain input.</summary>
    public ConversationViewModel? Selected
    {
        get => _selected;
        private set => SetProperty(ref _selected, value);
    }

    public InputLineViewModel Input { get; }

    /// <summary>Uploads and downloads in progress.</summary>
    public ObservableCollection<TransferViewModel> Transfers { get; } = [];

    public ConnectionStatus ConnectionStatus
    {
        get => _connectionStatus;
        private set => SetProperty(ref _connectionStatus, value);
    }

    /// <summary>"alice @ 127.0.0.1:5000 · connected · F1 help · Ctrl+Q quit".</summary>
    public string StatusText
    {
        get => _statusText;
        private set => SetProperty(ref _statusText, value);
    }

    public string UserName => _connection.UserName;

    /// <summary>The lines <c>/help</c> prints, for an F1 dialog too.</summary>
    public static IReadOnlyList<string> HelpLines => CommandTable.HelpLines;

    /// <summary>Every line added to any conversation (and notices before the first one).</summary>
    public event EventHandler<LineAddedEventArgs>? LineAdded;

    /// <summary>The user asked to leave (<c>/quit</c>); the session is already closed.</summary>
    public event EventHandler? QuitRequested;

    /// <summary>User names seen so far (members, senders, presence), for completion and member lists.</summary>
    public IReadOnlyList<string> KnownUserNames => _knownUsers.Values.Select(u => u.Name).Order(StringComparer.OrdinalIgnoreCase).ToArray();

    /// <summary>Connects and logs in. Login errors throw <see cref="ChatRequestException"/>.</summary>
    public async Task<HelloOk> StartAsync(CancellationToken cancellationToken = default)
    {
        HelloOk hello = await _connection.ConnectAsync(cancellationToken).ConfigureAwait(false);
        RememberUser(hello.User, hello.Role);
        if (!string.IsNullOrWhiteSpace(hello.Motd))
        {
            Post(() => AddNotice(null, hello.Motd));
        }
        Post(UpdateStatusText);
        return hello;
    }

    /// <summary>Shows <paramref name="conversation"/>: clears its unread marks and fetches its history the first time.</summary>
    public void Select(ConversationViewModel conversation)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        Post(() => SelectNow(conversation));
    }

    /// <summary>Selects the conversation with this name ("#general", "+team", "@bob"); false when there is none.</summary>
    public bool SelectByName(string name)
    {
        ConversationViewModel? found = Find(name);
        if (found is not null)
        {
            Select(found);
        }
        return found is not null;
    }

    /// <summary>Alt+Down / Ctrl+N: the next conversation in the list, wrapping around.</summary>
    public void SelectNext() => Post(() => SelectOffset(+1));

    /// <summary>Alt+Up / Ctrl+P: the previous conversation in the list, wrapping around.</summary>
    public void SelectPrevious() => Post(() => SelectOffset(-1));

    /// <summary>Opens (creating if needed) and selects the direct conversation with <paramref name="user"/>.</summary>
    public void OpenDirect(string user)
    {
        Post(() => SelectNow(GetOrAdd(user, ConversationKind.Direct)));
    }

    /// <summary>Runs an input line: a command, or text for the selected conversation. Never throws for user errors.</summary>
    public Task ExecuteAsync(string line) => RunCommandAsync(CommandParser.Parse(line));

    public void Dispose()
    {
        _connection.StatusChanged -= OnStatusChanged;
        _connection.SessionStarted -= OnSessionStarted;
        _connection.EventReceived -= OnEventReceived;
        _connection.ErrorReceived -= OnErrorReceived;
        _e2e?.Dispose();
    }

    internal ConversationViewModel? Find(string name)
    {
        string key = NameRules.Key(name.StartsWith('@') || NameRules.IsRoomName(name) ? name : "@" + name);
        return Conversations.FirstOrDefault(c => c.Key == key);
    }

    private void Post(Action action) => _dispatcher.Post(action);

    private void SelectNow(ConversationViewModel conversation)
    {
        Selected = conversation;
        conversation.Unread = 0;
        conversation.HasMention = false;
        conversation.StickToBottom = true;
        ShowProtection(conversation);
        if (_pendingNotices.Count > 0)
        {
            foreach (LogLine notice in _pendingNotices)
            {
                conversation.AddLine(notice);
            }
            _pendingNotices.Clear();
        }
        if (!conversation.HistoryLoaded && !conversation.IsLoadingHistory)
        {
            _ = GuardAsync(() => LoadLatestHistoryAsync(conversation));
        }
        if (conversation.Kind != ConversationKind.Direct && conversation.IsJoined && conversation.Members.Count == 0)
        {
            _ = GuardAsync(() => RefreshMembersAsync(conversation));
        }
    }

    private void SelectOffset(int offset)
    {
        if (Conversations.Count == 0)
        {
            return;
        }
        int index = Selected is null ? 0 : Conversations.IndexOf(Selected);
        int next = ((index + offset) % Conversations.Count + Conversations.Count) % Conversations.Count;
        SelectNow(Conversations[next]);
    }

    /// <summary>Finds or creates the conversation for a room/group name or a user name (UI thread).</summary>
    private ConversationViewModel GetOrAdd(string target, ConversationKind? kind = null)
    {
        ConversationKind actual = kind ?? (target.StartsWith(NameRules.GroupPrefix) ? ConversationKind.Group
            : NameRules.IsRoomName(target) ? ConversationKind.Room : ConversationKind.Direct);
        string name = actual == ConversationKind.Direct ? "@" + target : target;
        if (Find(name) is { } existing)
        {
            return existing;
        }

        var conversation = new ConversationViewModel(target, actual) { IsJoined = actual == ConversationKind.Direct };
        int at = 0;
        while (at < Conversations.Count && Compare(Conversations[at], conversation) < 0)
        {
            at++;
        }
        Conversations.Insert(at, conversation);
        return conversation;
    }

    private static int Compare(ConversationViewModel a, ConversationViewModel b) =>
        a.Kind != b.Kind ? a.Kind.CompareTo(b.Kind) : StringComparer.OrdinalIgnoreCase.Compare(a.Name, b.Name);

    private void RememberUser(string name, string? role = null)
    {
        string key = NameRules.Key(name);
        _knownUsers.AddOrUpdate(key, (name, role ?? Roles.User), (_, old) => (name, role ?? old.Role));
    }

    private string RoleOf(string user) =>
        _knownUsers.TryGetValue(NameRules.Key(user), out var known) ? known.Role : Roles.User;

    private bool IsSelf(string user) => NameRules.Key(user) == NameRules.Key(_connection.UserName);

    /// <summary>Adds a line to a conversation (UI thread) and tells listeners; counts it unread when not selected.</summary>
    private void AddLine(ConversationViewModel conversation, LogLine line, bool fromHistory = false)
    {
        if (!conversation.AddLine(line, fromHistory))
        {
            return;
        }
        if (!fromHistory && conversation != Selected && line.Kind is LineKind.Chat or LineKind.Mention or LineKind.FileOffer)
        {
            conversation.Unread++;
            if (line.Kind == LineKind.Mention)
            {
                conversation.HasMention = true;
            }
        }
        LineAdded?.Invoke(this, new LineAddedEventArgs(conversation, line) { FromHistory = fromHistory });
    }

    /// <summary>A system line in <paramref name="conversation"/>, else the selected one, else held for the first one (UI thread).</summary>
    private void AddNotice(ConversationViewModel? conversation, string text, LineKind kind = LineKind.System)
    {
        LogLine line = MakeLine(null, _settings.Time.GetUtcNow(), kind, null, TextSanitizer.ForLine(text));
        ConversationViewModel? target = conversation ?? Selected;
        if (target is null)
        {
            _pendingNotices.Add(line);
            LineAdded?.Invoke(this, new LineAddedEventArgs(null, line));
            return;
        }
        AddLine(target, line);
    }

    /// <summary>Posts a notice for the selected conversation; safe from any thread.</summary>
    private void Notice(string text) => Post(() => AddNotice(null, text));

    private LogLine MakeLine(long? msgId, DateTimeOffset time, LineKind kind, string? from, string text,
        bool offline = false, FileOffer? file = null) => new()
        {
            MsgId = msgId,
            Time = time,
            TimeText = TimeZoneInfo.ConvertTime(time, _settings.Time.LocalTimeZone).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            Kind = kind,
            From = from is null ? null : TextSanitizer.ForLine(from),
            Text = text,
            Offline = offline,
            File = file,
        };

    private void OnStatusChanged(object? sender, ConnectionStatus status) => Post(() =>
    {
        ConnectionState previous = ConnectionStatus.State;
        ConnectionStatus = status;
        UpdateStatusText();
        switch (status.State)
        {
            case ConnectionState.Reconnecting when previous == ConnectionState.Connected:
                AddNotice(null, "connection lost" + (status.Reason is null ? "" : " (" + status.Reason + ")") + "; reconnecting…");
                break;
            case ConnectionState.ServerShutDown:
                AddNotice(null, status.Describe() + "; not reconnecting. /quit to leave.");
                break;
            case ConnectionState.Disconnected when previous is ConnectionState.Connected or ConnectionState.Reconnecting:
                AddNotice(null, status.Describe());
                break;
        }
    });

    private void UpdateStatusText()
    {
        string text = $"{_connection.UserName} @ {_connection.ServerAddress} · {ConnectionStatus.Describe()}";
        foreach (TransferViewModel transfer in Transfers)
        {
            text += " · " + transfer.Display;
        }
        StatusText = text + " · F1 help · Ctrl+Q quit";
    }

    /// <summary>Runs background work started by the view-model and turns its expected failures into notices.</summary>
    private async Task GuardAsync(Func<Task> work)
    {
        try
        {
            await work().ConfigureAwait(false);
        }
        catch (ChatRequestException e)
        {
            Notice(Describe(e));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            Notice(e.Message);
        }
        catch (Encryption.EndToEndException e)
        {
            Warn(e.Message);
        }
    }

    private static string Describe(ChatRequestException e) => $"error: {e.Message} ({e.Code})";
}
