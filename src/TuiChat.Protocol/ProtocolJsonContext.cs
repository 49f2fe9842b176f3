using System.Text.Json.Serialization;
using TuiChat.Protocol.Messages;

namespace TuiChat.Protocol;

/// <summary>Source-generated serialisers for every frame type: no reflection on the hot path.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    MaxDepth = ProtocolLimits.MaxDepth)]
[JsonSerializable(typeof(HelloRequest))]
[JsonSerializable(typeof(JoinRequest))]
[JsonSerializable(typeof(LeaveRequest))]
[JsonSerializable(typeof(CreateRequest))]
[JsonSerializable(typeof(InviteRequest))]
[JsonSerializable(typeof(KickRequest))]
[JsonSerializable(typeof(TopicRequest))]
[JsonSerializable(typeof(RoomsRequest))]
[JsonSerializable(typeof(UsersRequest))]
[JsonSerializable(typeof(MsgRequest))]
[JsonSerializable(typeof(HistoryRequest))]
[JsonSerializable(typeof(PingMessage))]
[JsonSerializable(typeof(PongMessage))]
[JsonSerializable(typeof(QuitRequest))]
[JsonSerializable(typeof(FilePutRequest))]
[JsonSerializable(typeof(FileChunk))]
[JsonSerializable(typeof(FileGetRequest))]
[JsonSerializable(typeof(AdminShutdownRequest))]
[JsonSerializable(typeof(AdminKickRequest))]
[JsonSerializable(typeof(KeysPutRequest))]
[JsonSerializable(typeof(KeysGetRequest))]
[JsonSerializable(typeof(KeysOk))]
[JsonSerializable(typeof(OfflineAckRequest))]
[JsonSerializable(typeof(OkReply))]
[JsonSerializable(typeof(ErrorReply))]
[JsonSerializable(typeof(HelloOk))]
[JsonSerializable(typeof(RoomOk))]
[JsonSerializable(typeof(RoomsOk))]
[JsonSerializable(typeof(UsersOk))]
[JsonSerializable(typeof(MsgOk))]
[JsonSerializable(typeof(HistoryOk))]
[JsonSerializable(typeof(FilePutOk))]
[JsonSerializable(typeof(FileGetOk))]
[JsonSerializable(typeof(JoinedEvent))]
[JsonSerializable(typeof(LeftEvent))]
[JsonSerializable(typeof(InvitedEvent))]
[JsonSerializable(typeof(TopicEvent))]
[JsonSerializable(typeof(ChatMessage))]
[JsonSerializable(typeof(PresenceEvent))]
[JsonSerializable(typeof(ShutdownEvent))]
[JsonSerializable(typeof(FileEvent))]
[JsonSerializable(typeof(FileEndEvent))]
[JsonSerializable(typeof(OfflineBatchEvent))]
[JsonSerializable(typeof(ReadRequest))]
[JsonSerializable(typeof(ReadOk))]
[JsonSerializable(typeof(SearchRequest))]
[JsonSerializable(typeof(SearchOk))]
[JsonSerializable(typeof(AwayRequest))]
[JsonSerializable(typeof(AwayEvent))]
[JsonSerializable(typeof(WhoisRequest))]
[JsonSerializable(typeof(WhoisOk))]
internal sealed partial class ProtocolJsonContext : JsonSerializerContext;
