using System.Collections.ObjectModel;
using System.ComponentModel;
using TuiChat.Client.Core.Commands;
using TuiChat.Client.Core.Connection;
using TuiChat.Protocol;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.ViewModels;

/// <summary>
/// The root view-model of a chat client, and all both clients share: it hands what the server
/// says (<see cref="IChatEvents"/>) to the parts that each do one job (<see cref="ConversationList"/>,
/// <see cref="ConversationSelector"/>, <see cref="CommandRunner"/>, <see cref="EventApplier"/>, <see cref="HistoryLoader"/>,
/// <see cref="MemberLists"/>, <see cref="MessageSender"/>, <see cref="TransferTracker"/>,
/// <see cref="StatusLine"/>, <see cref="DirectEncryption"/>), which ask the server through
/// <see cref="IChatRequests"/>, and offers what a screen asks for.
/// <para>Threading: public members are called on the UI thread, and every change to observable
/// state happens there too (inside <see cref="IUiDispatcher.Post"/>). The async methods return once
/// the server has answered, with their results already posted.</para>
/// </summary>
public sealed class ChatViewModel : ObservableObject, IDisposable
{
    private readonly ChatContext _context;
    private readonly IChatRequests _server;
    private readonly IChatEvents _session;
    private readonly HistoryLoader _history;
    private readonly ReadState _read;
    private readonly ConversationSelector _selector;
    private readonly TransferTracker _transfers;
    private readonly MessageSender _sender;
    private readonly CommandRunner _commands;
    private readonly EventApplier _events;
    private readonly DirectEncryption _encryption;

    /// <summary>Over one connection: what it is asked and what it reports are the same session.</summary>
    public ChatViewModel(IChatConnection connection, IUiDispatcher dispatcher, ChatSettings? settings = null)
        : this(connection, connection, dispatcher, settings)
    {
    }

    /// <param name="server">what the view-model asks (requests)</param>
    /// <param name="session">what it hears (status, user name, events), raised on any thread</param>
    /// <param name="dispatcher">runs state changes on the UI thread</param>
    /// <param name="settings">limits, clock, downloads folder, encryption, hint</param>
    public ChatViewModel(IChatRequests server, IChatEvents session, IUiDispatcher dispatcher, ChatSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(dispatcher);
        _server = server;
        _session = session;
        _context = new ChatContext(server, session, dispatcher, settings ?? new ChatSettings());
        _encryption = _context.DirectEncryption;
        _history = new HistoryLoader(_context);
        var members = new MemberLists(_context);
        _read = new ReadState(_context);
        _selector = new ConversationSelector(_context, _history, members, _read);
        var search = new SearchPager(_context);
        search.PageShown += (_, hits) => SearchResultsShown?.Invoke(this, hits);
        _transfers = new TransferTracker(_context);
        _sender = new MessageSender(_context);
        _commands = new CommandRunner(_context, _sender, _transfers, members, search, _selector.Select,
            () => QuitRequested?.Invoke(this, EventArgs.Empty));
        _events = new EventApplier(_context, members, _history, _read, _selector.Select);
        Status = new StatusLine(session, _context.Settings.StatusHint, _transfers.Transfers);
        Input = new InputLineViewModel(this);
        Attention = new Attention(_context);

        Status.PropertyChanged += OnStatusLineChanged;
        _context.Conversations.PropertyChanged += OnListChanged;
        _context.Conversations.LineAdded += OnLineAdded;
        _context.Conversations.LineConfirmed += (_, e) => LineConfirmed?.Invoke(this, e);
        _transfers.Changed += OnTransfersChanged;
        _session.StatusChanged += OnStatusChanged;
        _session.SessionStarted += OnSessionStarted;
        _session.EventReceived += OnEventReceived;
        _session.ErrorReceived += OnErrorReceived;
        foreach (string notice in _context.Settings.StartupNotices)
        {
            _context.Notice(notice);
        }
    }

    /// <summary>Rooms first, then groups, then direct conversations; each group sorted by name.</summary>
    public ObservableCollection<ConversationViewModel> Conversations => _context.Conversations.Items;

    /// <summary>The conversation shown in the log, member list and addressed by plain input.</summary>
    public ConversationViewModel? Selected => _context.Conversations.Selected;

    public InputLineViewModel Input { get; }

    /// <summary>When to ring and notify, and the window title with the unread highlights.</summary>
    public Attention Attention { get; }

    /// <summary>The status line's text and the connection state behind it.</summary>
    public StatusLine Status { get; }

    /// <summary>Uploads and downloads in progress.</summary>
    public ObservableCollection<TransferViewModel> Transfers => _transfers.Transfers;

    public ConnectionStatus ConnectionStatus => Status.ConnectionStatus;

    /// <summary>"alice @ 127.0.0.1:5000 · connected", plus the client's hint.</summary>
    public string StatusText => Status.Text;

    public string UserName => _session.UserName;

    /// <summary>The config file's settings as <c>/set</c> left them (keys, theme, notifications).</summary>
    public Settings.Preferences Preferences => _context.Settings.Preferences;

    /// <summary>The lines <c>/help</c> prints, for an F1 dialog too.</summary>
    public static IReadOnlyList<string> HelpLines => CommandTable.HelpLines;

    /// <summary>Every line added to any conversation (and notices before the first one); a pending line once, not again when confirmed.</summary>
    public event EventHandler<LineAddedEventArgs>? LineAdded;

    /// <summary>A pending line of the user's was confirmed (its <c>ok</c> or its echo, whichever came first): sent. Once per line, with the confirmed line.</summary>
    public event EventHandler<LineAddedEventArgs>? LineConfirmed;

    /// <summary>A page of <c>/search</c> results was shown; a screen may list them to open one (<see cref="OpenSearchHitAsync"/>).</summary>
    public event EventHandler<IReadOnlyList<SearchHit>>? SearchResultsShown;

    /// <summary>The user asked to leave (<c>/quit</c>); the session is already closed.</summary>
    public event EventHandler? QuitRequested;

    /// <summary>User names seen so far (members, senders, presence), for completion and member lists.</summary>
    public IReadOnlyList<string> KnownUserNames => _context.Users.Names;

    /// <summary>Connects and logs in. Login errors throw (see <see cref="LoginFailure"/>).</summary>
    public async Task<HelloOk> StartAsync(CancellationToken cancellationToken = default)
    {
        HelloOk hello = await _server.ConnectAsync(cancellationToken).ConfigureAwait(false);
        _context.Users.Remember(hello.User, hello.Role);
        _context.Post(Attention.UpdateTitle);
        if (!string.IsNullOrWhiteSpace(hello.Motd))
        {
            _context.Notice(hello.Motd);
        }
        _context.Post(Status.Update);
        // [autojoin] rooms: joined once; after a reconnect the connection re-joins them with the rest.
        foreach (string room in _context.Settings.Preferences.AutojoinRooms)
        {
            _ = _context.GuardAsync(() => _commands.JoinAsync(room, show: false));
        }
        return hello;
    }

    /// <summary>Shows <paramref name="conversation"/>: clears its unread marks and fetches its history the first time.</summary>
    public void Select(ConversationViewModel conversation)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        _context.Post(() => _selector.Select(conversation));
    }

    /// <summary>Selects the conversation with this name ("#general", "+team", "@bob"); false when there is none.</summary>
    public bool SelectByName(string name)
    {
        ConversationViewModel? found = _context.Conversations.Find(name);
        if (found is not null)
        {
            Select(found);
        }
        return found is not null;
    }

    /// <summary>Alt+Down / Ctrl+N: the next conversation in the list, wrapping around.</summary>
    public void SelectNext() => _context.Post(() => _selector.SelectNeighbour(+1));

    /// <summary>Alt+Up / Ctrl+P: the previous conversation in the list, wrapping around.</summary>
    public void SelectPrevious() => _context.Post(() => _selector.SelectNeighbour(-1));

    /// <summary>Alt+A: the next conversation with an unread highlight, else with unread messages; nothing when none waits.</summary>
    public void SelectNextActive() => _context.Post(_selector.SelectNextActive);

    /// <summary>Alt+1…9: the conversation at that position of the list (1 is the first).</summary>
    public void SelectPosition(int position) => _context.Post(() => _selector.SelectPosition(position));

    /// <summary>Opens (creating if needed) and selects the direct conversation with <paramref name="user"/>.</summary>
    public void OpenDirect(string user) =>
        _context.Post(() => _selector.Select(_context.Conversations.GetOrAdd(NameForms.StripAt(user), ConversationKind.Direct)));

    /// <summary>Opens a search result's conversation scrolled to its message, loading history back to it when needed.</summary>
    public Task OpenSearchHitAsync(SearchHit hit)
    {
        ArgumentNullException.ThrowIfNull(hit);
        return _context.GuardAsync(() => _selector.OpenAsync(hit));
    }

    /// <summary>Runs an input line: a command, or text for the selected conversation. Never throws for user errors.</summary>
    public Task ExecuteAsync(string line) => RunLineAsync(line);

    /// <summary>Runs an input line as <see cref="ExecuteAsync"/> does; returns the refusal when the line failed with one, else null.</summary>
    internal async Task<ChatRequestException?> RunLineAsync(string line)
    {
        try
        {
            await _commands.RunAsync(CommandParser.Parse(line)).ConfigureAwait(false);
        }
        catch (ChatRequestException e)
        {
            _context.Notice(e.Describe());
            return e;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            _context.Notice("error: " + e.Message);
        }
        catch (Encryption.EndToEndException e)
        {
            _encryption.Warn(e.Message);
        }
        return null;
    }

    /// <summary>Runs <paramref name="action"/> on the UI thread.</summary>
    internal void Post(Action action) => _context.Post(action);

    /// <summary>
    /// Sends <paramref name="text"/> to a room/group ("#x", "+x") or a user ("bob", "@bob"), showing it
    /// there at once. The selection stays: the menu's entries name their recipient each time, and the
    /// conversation its prompt names (where <c>/me</c> goes) is the user's to change.
    /// </summary>
    public Task SendAsync(string target, string text) =>
        NameRules.IsRoomName(target) ? _sender.SendToRoomAsync(target, text) : _commands.MessageAsync(target, text, show: false);

    public Task JoinAsync(string room) => _commands.JoinAsync(room);

    public Task CreateGroupAsync(string group, IReadOnlyList<string> members) => _commands.CreateGroupAsync(group, members);

    public Task<IReadOnlyList<UserInfo>> ListUsersAsync() => _commands.ListUsersAsync();

    public Task<IReadOnlyList<RoomInfo>> ListRoomsAsync() => _commands.ListRoomsAsync();

    public Task QuitAsync(string? reason = null) => _commands.QuitAsync(reason);

    /// <summary>Waits (briefly) until the latest login has published the user's encryption key; for a client that leaves without <see cref="QuitAsync"/>.</summary>
    public Task FinishPublishingKeysAsync() => _encryption.FinishPublishingAsync();

    /// <summary>The offer announced for <paramref name="fileId"/> in this session, if any.</summary>
    public FileOffer? FindFileOffer(string fileId) => _context.FileOffers.GetValueOrDefault(fileId);

    public Task<FileEvent> SendFileAsync(string target, string path) => _transfers.SendFileAsync(target, path);

    public Task<string> SaveFileAsync(string fileId, string? name = null) => _transfers.SaveFileAsync(fileId, name);

    /// <summary>PageUp at the top of the log: fetches the page before the oldest line of the selected conversation.</summary>
    public Task LoadOlderAsync() => Selected is { } selected ? LoadOlderAsync(selected) : Task.CompletedTask;

    public Task LoadOlderAsync(ConversationViewModel conversation)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        return _history.LoadOlderAsync(conversation);
    }

    public void Dispose()
    {
        _session.StatusChanged -= OnStatusChanged;
        _session.SessionStarted -= OnSessionStarted;
        _session.EventReceived -= OnEventReceived;
        _session.ErrorReceived -= OnErrorReceived;
        _encryption.Dispose();
    }

    private void OnEventReceived(object? sender, ServerEvent serverEvent) => _context.Post(() =>
    {
        _events.Apply(serverEvent);
        if (serverEvent is ReadEvent)
        {
            // Read in another session: highlights dropped without a line or a selection that would retitle the window.
            Attention.UpdateTitle();
        }
    });

    private void OnErrorReceived(object? sender, ErrorReply error) => _context.Post(() => _events.ApplyError(error));

    private void OnStatusChanged(object? sender, ConnectionStatus status) => _context.Post(() =>
    {
        if (Status.Apply(status) is { } notice)
        {
            _context.Conversations.AddNotice(null, notice);
        }
        Input.OnCircumstancesChanged();
    });

    private void OnSessionStarted(object? sender, SessionStartedEventArgs e)
    {
        _context.Users.Remember(e.Hello.User, e.Hello.Role);
        _context.Post(Status.Update);
        _context.Post(() => _read.ApplyLogin(e.Hello.Conversations));
        _ = _context.GuardAsync(_encryption.StartAsync);
        if (e.IsReconnect)
        {
            _context.Post(_events.ApplyReconnect);
            _context.Post(_selector.LoadIfNeverLoaded);
        }
    }

    private void OnTransfersChanged(object? sender, EventArgs e) => Status.Update();

    private void OnLineAdded(object? sender, LineAddedEventArgs e)
    {
        _selector.OnLineAdded(e);
        LineAdded?.Invoke(this, e);
    }

    private void OnListChanged(object? sender, PropertyChangedEventArgs e)
    {
        if (e.PropertyName == nameof(ConversationList.Selected))
        {
            Input.OnCircumstancesChanged();
            OnPropertyChanged(nameof(Selected));
        }
    }

    private void OnStatusLineChanged(object? sender, PropertyChangedEventArgs e) =>
        OnPropertyChanged(e.PropertyName == nameof(StatusLine.Text) ? nameof(StatusText) : e.PropertyName);
}
