namespace TuiChat.Protocol.Messages;

/// <summary>The <c>type</c> strings of every frame in PROTOCOL.md.</summary>
public static class MessageTypes
{
    public const string Hello = "hello";
    public const string Join = "join";
    public const string Leave = "leave";
    public const string Create = "create";
    public const string Invite = "invite";
    public const string Kick = "kick";
    public const string Topic = "topic";
    public const string Rooms = "rooms";
    public const string Users = "users";
    public const string Msg = "msg";
    public const string History = "history";
    public const string Ping = "ping";
    public const string Pong = "pong";
    public const string Quit = "quit";
    public const string FilePut = "file.put";
    public const string FileChunk = "file.chunk";
    public const string FileGet = "file.get";
    public const string AdminShutdown = "admin.shutdown";
    public const string AdminKick = "admin.kick";
    public const string KeysPut = "keys.put";
    public const string KeysGet = "keys.get";
    public const string OfflineAck = "offline.ack";
    public const string Read = "read";
    public const string Search = "search";
    public const string Away = "away";
    public const string Whois = "whois";

    public const string Ok = "ok";
    public const string Error = "error";
    public const string Joined = "joined";
    public const string Left = "left";
    public const string Invited = "invited";
    public const string Message = "message";
    public const string Presence = "presence";
    public const string Shutdown = "shutdown";
    public const string File = "file";
    public const string FileEnd = "file.end";
    public const string OfflineBatch = "offline.batch";
}
