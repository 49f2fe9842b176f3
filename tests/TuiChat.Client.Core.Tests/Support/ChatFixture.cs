using NSubstitute;
using TuiChat.Client.Core.Connection;
using TuiChat.Client.Core.ViewModels;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.Tests.Support;

/// <summary>
/// A <see cref="ChatViewModel"/> for user "alice" over two NSubstitute halves of a connection, the
/// <see cref="IChatRequests"/> it asks and the <see cref="IChatEvents"/> it hears (so every
/// view-model test shows it needs nothing else), with the inline dispatcher and a UTC clock.
/// Helpers raise server events as the reader thread would.
/// </summary>
internal sealed class ChatFixture : IDisposable
{
    public const string Ts = "2026-11-22T09:30:00.000Z";

    public ChatFixture(string downloads = "client_downloads", int maxLines = ChatSettings.DefaultMaxLines,
        TuiChat.Client.Core.Encryption.EndToEndOptions? endToEnd = null, Func<ChatSettings, ChatSettings>? configure = null)
    {
        Session.UserName.Returns("alice");
        Session.ServerAddress.Returns("127.0.0.1:5000");
        Session.Status.Returns(new ConnectionStatus(ConnectionState.Connected));
        Server.GetHistoryAsync(default!, default, default, default)
            .ReturnsForAnyArgs(Task.FromResult<IReadOnlyList<ChatMessage>>([]));
        Server.ListUsersAsync(default, default).ReturnsForAnyArgs(Task.FromResult<IReadOnlyList<UserInfo>>([]));
        Server.ListRoomsAsync(default).ReturnsForAnyArgs(Task.FromResult<IReadOnlyList<RoomInfo>>([]));
        long nextMsgId = 1000;
        Server.SendMessageAsync(default!, default!, default)
            .ReturnsForAnyArgs(_ => Task.FromResult(new MsgOk { Re = "1", MsgId = Interlocked.Increment(ref nextMsgId), Ts = Ts }));
        Chat = new ChatViewModel(Server, Session, new InlineUiDispatcher(),
            (configure ?? (s => s))(new ChatSettings { DownloadsFolder = downloads, Time = FixedTimeProvider.Utc, MaxLinesPerConversation = maxLines, EndToEnd = endToEnd }));
        Chat.LineAdded += (_, e) => Added.Add(e);
    }

    public IChatRequests Server { get; } = Substitute.For<IChatRequests>();

    public IChatEvents Session { get; } = Substitute.For<IChatEvents>();

    public ChatViewModel Chat { get; }

    public List<LineAddedEventArgs> Added { get; } = [];

    public void Raise(ServerEvent serverEvent) =>
        Session.EventReceived += NSubstitute.Raise.Event<EventHandler<ServerEvent>>(Session, serverEvent);

    public void RaiseStatus(ConnectionStatus status)
    {
        Session.Status.Returns(status);
        Session.StatusChanged += NSubstitute.Raise.Event<EventHandler<ConnectionStatus>>(Session, status);
    }

    public void RaiseSession(bool isReconnect) =>
        Session.SessionStarted += NSubstitute.Raise.Event<EventHandler<SessionStartedEventArgs>>(Session,
            new SessionStartedEventArgs(new HelloOk { Re = "1", User = "alice", Role = Roles.User, Server = "fake" }, isReconnect));

    /// <summary>The server put alice in <paramref name="room"/> (as after login or a join).</summary>
    public ConversationViewModel Joined(string room)
    {
        Raise(new JoinedEvent { Room = room, User = "alice" });
        return Conversation(room);
    }

    public ConversationViewModel Conversation(string name) =>
        Chat.Conversations.Single(c => c.Name == name);

    public void Message(long id, string from, string to, string text, bool offline = false, bool notice = false) =>
        Raise(new ChatMessage { MsgId = id, Ts = Ts, From = from, To = to, Text = text, Offline = offline, Notice = notice });

    public static ChatMessage Msg(long id, string from, string to, string text) =>
        new() { MsgId = id, Ts = Ts, From = from, To = to, Text = text };

    public static IReadOnlyList<string> Texts(ConversationViewModel conversation) =>
        conversation.Lines.Where(l => l.MsgId is not null).Select(l => l.Text).ToArray();

    public void Dispose() => Chat.Dispose();
}
