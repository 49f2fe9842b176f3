using System.Collections.Frozen;
using TuiChat.Protocol.Messages;

namespace TuiChat.Server.Commands;

/// <summary>One request type: its handler and the preconditions the dispatcher checks before calling it.</summary>
public sealed record CommandSpec(string Type, ICommandHandler Handler, bool NeedsLogin, bool NeedsAdmin, bool RateLimited, string Help);

/// <summary>
/// Every request the server understands, in one place. Preconditions (login, admin role, rate
/// limit) are declared here and enforced once, by <see cref="RequestDispatcher"/>.
/// </summary>
public static class CommandTable
{
    public static FrozenDictionary<string, CommandSpec> Create(ServerServices s)
    {
        var readState = new Chat.ReadState(s.Store);
        CommandSpec[] specs =
        [
            new(MessageTypes.Hello, new HelloHandler(s.State.Sessions, s.State.Rooms, s.State.People, readState, s.Accounts, s.Store, s.Options, s.Log), NeedsLogin: false, NeedsAdmin: false, RateLimited: true, "log in as a guest, with a password, or register"),
            new(MessageTypes.Ping, new PingHandler(), NeedsLogin: false, NeedsAdmin: false, RateLimited: true, "ask for a pong"),
            new(MessageTypes.Pong, new PongHandler(), NeedsLogin: false, NeedsAdmin: false, RateLimited: false, "answer the server's ping"),
            new(MessageTypes.Quit, new QuitHandler(s.State.Sessions), NeedsLogin: true, NeedsAdmin: false, RateLimited: false, "end the session"),
            new(MessageTypes.Join, new JoinHandler(s.State.Rooms), NeedsLogin: true, NeedsAdmin: false, RateLimited: true, "enter a room (created if missing) or your group"),
            new(MessageTypes.Leave, new LeaveHandler(s.State.Rooms), NeedsLogin: true, NeedsAdmin: false, RateLimited: true, "leave a room or group"),
            new(MessageTypes.Create, new CreateHandler(s.State.Rooms, s.Accounts, s.Log), NeedsLogin: true, NeedsAdmin: false, RateLimited: true, "create a room or a private group"),
            new(MessageTypes.Invite, new InviteHandler(s.State.Rooms, s.Accounts), NeedsLogin: true, NeedsAdmin: false, RateLimited: true, "add a member to your group"),
            new(MessageTypes.Kick, new KickHandler(s.State.Rooms), NeedsLogin: true, NeedsAdmin: false, RateLimited: true, "remove a member from your group"),
            new(MessageTypes.Topic, new TopicHandler(s.State.Rooms), NeedsLogin: true, NeedsAdmin: false, RateLimited: true, "set a room's topic"),
            new(MessageTypes.Rooms, new RoomsHandler(s.State.Rooms, s.State.People, readState), NeedsLogin: true, NeedsAdmin: false, RateLimited: true, "list public rooms and your groups"),
            new(MessageTypes.Users, new UsersHandler(s.State.Rooms), NeedsLogin: true, NeedsAdmin: false, RateLimited: true, "list online users or a room's members"),
            new(MessageTypes.Msg, new MsgHandler(s.State.Messaging, s.State.People, s.Accounts, s.Lines), NeedsLogin: true, NeedsAdmin: false, RateLimited: true, "send a line to a room or user"),
            new(MessageTypes.History, new HistoryHandler(s.State.Rooms, s.State.Messaging, s.Accounts, s.Store), NeedsLogin: true, NeedsAdmin: false, RateLimited: true, "read stored lines"),
            new(MessageTypes.Read, new ReadHandler(s.State.Sessions, s.State.Rooms, s.State.Messaging, s.Accounts, readState), NeedsLogin: true, NeedsAdmin: false, RateLimited: true, "mark a conversation read up to a line"),
            new(MessageTypes.Search, new SearchHandler(s.State.People, s.Store), NeedsLogin: true, NeedsAdmin: false, RateLimited: true, "search the lines you may read"),
            new(MessageTypes.Away, new AwayHandler(s.State.People), NeedsLogin: true, NeedsAdmin: false, RateLimited: true, "mark yourself away, or back"),
            new(MessageTypes.Whois, new WhoisHandler(s.State.People, s.Accounts, s.Store), NeedsLogin: true, NeedsAdmin: false, RateLimited: true, "who a user is: online or last seen, rooms in common"),
            new(MessageTypes.FilePut, new FilePutHandler(s.State.Messaging, s.Accounts, s.Files, s.Options, s.Log), NeedsLogin: true, NeedsAdmin: false, RateLimited: true, "start an upload"),
            // Chunks are bounded by the announced size, not by the request rate: a 100 MiB upload is 1,600 chunks.
            new(MessageTypes.FileChunk, new FileChunkHandler(s.State.Messaging, s.Lines, s.Files, s.Log), NeedsLogin: true, NeedsAdmin: false, RateLimited: false, "send upload bytes"),
            new(MessageTypes.FileGet, new FileGetHandler(s.State.Rooms, s.Store, s.Files, s.Options), NeedsLogin: true, NeedsAdmin: false, RateLimited: true, "download a file"),
            new(MessageTypes.KeysPut, new KeysPutHandler(s.Store, s.Time), NeedsLogin: true, NeedsAdmin: false, RateLimited: true, "publish your end-to-end identity keys"),
            new(MessageTypes.KeysGet, new KeysGetHandler(s.Store), NeedsLogin: true, NeedsAdmin: false, RateLimited: true, "fetch a user's end-to-end identity keys"),
            // One ack per delivered batch of 100; an ack for no pending batch does nothing.
            new(MessageTypes.OfflineAck, new OfflineAckHandler(), NeedsLogin: true, NeedsAdmin: false, RateLimited: false, "confirm a batch of offline deliveries"),
            new(MessageTypes.AdminShutdown, new AdminShutdownHandler(s.Control, s.Log), NeedsLogin: true, NeedsAdmin: true, RateLimited: true, "stop the server"),
            new(MessageTypes.AdminKick, new AdminKickHandler(s.State.Sessions, s.Log), NeedsLogin: true, NeedsAdmin: true, RateLimited: true, "disconnect a user"),
        ];
        return specs.ToFrozenDictionary(s => s.Type, StringComparer.Ordinal);
    }
}
