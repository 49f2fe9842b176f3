using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;
using TuiChat.Protocol.Messages;

namespace TuiChat.Protocol;

/// <summary>
/// Turns frame payloads into message records and back. Decoding is two steps:
/// <see cref="ReadEnvelope"/> checks the framing rules (a violation closes the connection), then
/// <see cref="DecodeRequest"/> or <see cref="Decode{T}"/> maps the object onto a record
/// (a failure there is a <c>bad_request</c> and the connection stays open).
/// </summary>
public static class MessageCodec
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = ProtocolLimits.MaxDepth };

    private static readonly FrozenDictionary<string, JsonTypeInfo> RequestTypes = new Dictionary<string, JsonTypeInfo>
    {
        [MessageTypes.Hello] = ProtocolJsonContext.Default.HelloRequest,
        [MessageTypes.Join] = ProtocolJsonContext.Default.JoinRequest,
        [MessageTypes.Leave] = ProtocolJsonContext.Default.LeaveRequest,
        [MessageTypes.Create] = ProtocolJsonContext.Default.CreateRequest,
        [MessageTypes.Invite] = ProtocolJsonContext.Default.InviteRequest,
        [MessageTypes.Kick] = ProtocolJsonContext.Default.KickRequest,
        [MessageTypes.Topic] = ProtocolJsonContext.Default.TopicRequest,
        [MessageTypes.Rooms] = ProtocolJsonContext.Default.RoomsRequest,
        [MessageTypes.Users] = ProtocolJsonContext.Default.UsersRequest,
        [MessageTypes.Msg] = ProtocolJsonContext.Default.MsgRequest,
        [MessageTypes.History] = ProtocolJsonContext.Default.HistoryRequest,
        [MessageTypes.Ping] = ProtocolJsonContext.Default.PingMessage,
        [MessageTypes.Pong] = ProtocolJsonContext.Default.PongMessage,
        [MessageTypes.Quit] = ProtocolJsonContext.Default.QuitRequest,
        [MessageTypes.FilePut] = ProtocolJsonContext.Default.FilePutRequest,
        [MessageTypes.FileChunk] = ProtocolJsonContext.Default.FileChunk,
        [MessageTypes.FileGet] = ProtocolJsonContext.Default.FileGetRequest,
        [MessageTypes.AdminShutdown] = ProtocolJsonContext.Default.AdminShutdownRequest,
        [MessageTypes.AdminKick] = ProtocolJsonContext.Default.AdminKickRequest,
        [MessageTypes.KeysPut] = ProtocolJsonContext.Default.KeysPutRequest,
        [MessageTypes.KeysGet] = ProtocolJsonContext.Default.KeysGetRequest,
        [MessageTypes.OfflineAck] = ProtocolJsonContext.Default.OfflineAckRequest,
        [MessageTypes.Read] = ProtocolJsonContext.Default.ReadRequest,
        [MessageTypes.Search] = ProtocolJsonContext.Default.SearchRequest,
        [MessageTypes.Away] = ProtocolJsonContext.Default.AwayRequest,
        [MessageTypes.Whois] = ProtocolJsonContext.Default.WhoisRequest,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    /// <summary>
    /// Checks a payload against the framing rules of PROTOCOL.md section 1 and reads its
    /// <c>type</c>, <c>id</c> and <c>re</c>. Throws <see cref="ProtocolViolationException"/> for
    /// invalid UTF-8, invalid JSON, a root that is not an object, nesting deeper than 16,
    /// or a missing or non-string <c>type</c>.
    /// </summary>
    public static Envelope ReadEnvelope(ReadOnlySpan<byte> payload)
    {
        if (!Utf8.IsValid(payload))
        {
            throw new ProtocolViolationException("the frame is not valid UTF-8");
        }

        string? type = null, id = null, re = null;
        bool typeSeen = false;
        var reader = new Utf8JsonReader(payload, ReaderOptions);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new ProtocolViolationException("the frame is not a JSON object");
            }
            while (reader.Read())
            {
                if (reader.CurrentDepth != 1 || reader.TokenType != JsonTokenType.PropertyName)
                {
                    continue;
                }
                if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    typeSeen = true;
                    type = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                else if (reader.ValueTextEquals("id"u8))
                {
                    reader.Read();
                    id = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                else if (reader.ValueTextEquals("re"u8))
                {
                    reader.Read();
                    re = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
            }
        }
        catch (JsonException e)
        {
            throw new ProtocolViolationException("the frame is not valid JSON: " + e.Message, e);
        }
        catch (InvalidOperationException e)
        {
            // GetString refuses an escaped lone surrogate ("\ud800"): not valid Unicode text.
            throw new ProtocolViolationException("\"type\", \"id\" or \"re\" is not valid Unicode (a lone surrogate)", e);
        }

        if (type is null)
        {
            throw new ProtocolViolationException(typeSeen ? "\"type\" is not a string" : "the frame has no \"type\"");
        }
        return new Envelope(type, id, re);
    }

    /// <summary>True when <paramref name="type"/> names a request this protocol version knows.</summary>
    public static bool IsKnownRequest(string type) => RequestTypes.ContainsKey(type);

    /// <summary>
    /// Maps a request payload onto its record. Throws <see cref="BadRequestException"/> for an
    /// unknown type or missing/mistyped fields; call <see cref="ReadEnvelope"/> first.
    /// </summary>
    public static Request DecodeRequest(string type, ReadOnlySpan<byte> payload)
    {
        if (!RequestTypes.TryGetValue(type, out JsonTypeInfo? info))
        {
            throw new BadRequestException($"unknown request type \"{type}\"");
        }
        try
        {
            return (Request?)JsonSerializer.Deserialize(payload, info)
                ?? throw new BadRequestException("the request is null");
        }
        catch (JsonException e)
        {
            throw new BadRequestException(DescribeFieldError(type, e), e);
        }
    }

    /// <summary>Maps a payload onto a known record type (clients use it for replies and events).</summary>
    public static T Decode<T>(ReadOnlySpan<byte> payload) where T : IFrameMessage
    {
        var info = (JsonTypeInfo<T>)ProtocolJsonContext.Default.GetTypeInfo(typeof(T))!;
        try
        {
            return JsonSerializer.Deserialize(payload, info)
                ?? throw new BadRequestException("the frame is null");
        }
        catch (JsonException e)
        {
            throw new BadRequestException(DescribeFieldError(typeof(T).Name, e), e);
        }
    }

    /// <summary>Serialises <paramref name="message"/> (by its runtime type) into the JSON payload.</summary>
    public static byte[] EncodePayload(IFrameMessage message)
    {
        ArrayBufferWriter<byte> buffer = Serialize(message);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Serialises <paramref name="message"/> into a whole frame, length prefix included. A
    /// broadcast calls this once and hands the same array to every recipient.
    /// </summary>
    public static byte[] EncodeFrame(IFrameMessage message)
    {
        ArrayBufferWriter<byte> buffer = Serialize(message);
        byte[] frame = new byte[FrameReader.HeaderSize + buffer.WrittenCount];
        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)buffer.WrittenCount);
        buffer.WrittenSpan.CopyTo(frame.AsSpan(FrameReader.HeaderSize));
        return frame;
    }

    private static ArrayBufferWriter<byte> Serialize(IFrameMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        JsonTypeInfo info = ProtocolJsonContext.Default.GetTypeInfo(message.GetType())
            ?? throw new ArgumentException($"{message.GetType().Name} is not a protocol message", nameof(message));
        ArrayBufferWriter<byte> buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(buffer);
        JsonSerializer.Serialize(writer, message, info);
        return buffer;
    }

    private static string DescribeFieldError(string type, JsonException e) =>
        e.Path is { Length: > 1 } path
            ? $"\"{type}\": field {path.TrimStart('$', '.')} is missing or has the wrong type"
            : $"\"{type}\": a required field is missing or a field has the wrong type";
}
