using System.Text;
using TuiChat.Protocol.Messages;

namespace TuiChat.Protocol.Tests;

public class MessageCodecTests
{
    private static Envelope Envelope(string json) => MessageCodec.ReadEnvelope(Encoding.UTF8.GetBytes(json));

    private static string Nested(int depth) =>
        "{\"type\":\"ping\",\"x\":" + string.Concat(Enumerable.Repeat("[", depth - 1)) + string.Concat(Enumerable.Repeat("]", depth - 1)) + "}";

    [Fact]
    public void ReadEnvelope_ReadsTypeIdAndRe()
    {
        Assert.Equal(new Envelope("join", "7", null), Envelope("{\"id\":\"7\",\"room\":\"#a\",\"type\":\"join\"}"));
        Assert.Equal(new Envelope("ok", null, "7"), Envelope("{\"type\":\"ok\",\"re\":\"7\",\"x\":{\"type\":\"inner\"}}"));
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\"type\"")]
    [InlineData("42")]
    [InlineData("{\"type\":\"ping\"")]
    [InlineData("{\"type\":\"ping\"} {}")]
    [InlineData("{\"id\":\"1\"}")]
    [InlineData("{\"type\":5}")]
    [InlineData("{\"type\":null}")]
    [InlineData("not json")]
    public void ReadEnvelope_BreaksTheFramingRules_IsAViolation(string json)
    {
        Assert.Throws<ProtocolViolationException>(() => Envelope(json));
    }

    [Fact]
    public void ReadEnvelope_InvalidUtf8_IsAViolation()
    {
        byte[] payload = [.. "{\"type\":\"msg\",\"text\":\""u8, 0xC3, 0x28, .. "\"}"u8];

        Assert.Throws<ProtocolViolationException>(() => MessageCodec.ReadEnvelope(payload));
    }

    [Fact]
    public void ReadEnvelope_NestingOf16_IsAccepted_And17_IsAViolation()
    {
        Assert.Equal("ping", Envelope(Nested(16)).Type);
        Assert.Throws<ProtocolViolationException>(() => Envelope(Nested(17)));
    }

    [Fact]
    public void DecodeRequest_UnknownType_IsABadRequest()
    {
        Assert.Throws<BadRequestException>(() => MessageCodec.DecodeRequest("teleport", "{\"type\":\"teleport\"}"u8));
        Assert.False(MessageCodec.IsKnownRequest("teleport"));
    }

    [Theory]
    [InlineData("{\"type\":\"join\",\"id\":\"1\"}")]
    [InlineData("{\"type\":\"join\",\"room\":5}")]
    [InlineData("{\"type\":\"join\",\"room\":null}")]
    [InlineData("{\"type\":\"msg\",\"to\":\"#a\"}")]
    [InlineData("{\"type\":\"history\",\"to\":\"#a\",\"limit\":\"ten\"}")]
    [InlineData("{\"type\":\"file.chunk\",\"fileId\":\"f\",\"seq\":0,\"data\":\"not base64!\"}")]
    public void DecodeRequest_MissingOrMistypedField_IsABadRequest(string json)
    {
        string type = Envelope(json).Type;

        Assert.Throws<BadRequestException>(() => MessageCodec.DecodeRequest(type, Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void DecodeRequest_IgnoresUnknownFields()
    {
        var request = (JoinRequest)MessageCodec.DecodeRequest("join", "{\"type\":\"join\",\"id\":\"9\",\"room\":\"#a\",\"future\":{\"x\":1}}"u8);

        Assert.Equal("#a", request.Room);
        Assert.Equal("9", request.Id);
    }

    public static TheoryData<Request> Requests() =>
    [
        new HelloRequest { Id = "1", Protocol = 1, User = "alice", Password = "secret-pw", Register = true, Client = "tuichat/1.0" },
        new JoinRequest { Id = "2", Room = "#general" },
        new LeaveRequest { Room = "#general" },
        new CreateRequest { Id = "3", Room = "+team", Private = true, Members = ["bob", "carol"] },
        new InviteRequest { Id = "4", Room = "+team", User = "dave" },
        new KickRequest { Id = "5", Room = "+team", User = "dave" },
        new TopicRequest { Id = "6", Room = "#general", Topic = "hello" },
        new RoomsRequest { Id = "7" },
        new UsersRequest { Id = "8", Room = "#general" },
        new MsgRequest { Id = "9", To = "bob", Text = "hi\tthere\nline two" },
        new HistoryRequest { Id = "10", To = "#general", Before = 99, Limit = 20 },
        new PingMessage { Id = "11" },
        new PongMessage(),
        new QuitRequest { Reason = "bye" },
        new FilePutRequest { Id = "12", To = "bob", Name = "a.txt", Size = 3, Sha256 = new string('a', 64) },
        new FileChunk { FileId = "f1", Seq = 0, Data = [1, 2, 3] },
        new FileGetRequest { Id = "13", FileId = "f1" },
        new AdminShutdownRequest { Id = "14", Reason = "maintenance" },
        new AdminKickRequest { Id = "15", User = "mallory", Reason = "spam" },
        new ReadRequest { Id = "16", Room = "#games", MsgId = 131 },
        new ReadRequest { Id = "17", Room = "bob", MsgId = 7 },
        new SearchRequest { Id = "18", Q = "café games", Before = 500, Limit = 20 },
        new SearchRequest { Id = "19", Q = "games" },
        new AwayRequest { Id = "20", Text = "lunch" },
        new AwayRequest { Id = "21" },
        new WhoisRequest { Id = "22", User = "bob" },
    ];

    [Theory]
    [MemberData(nameof(Requests))]
    public void EveryRequest_RoundTripsThroughAFrame(Request request)
    {
        byte[] frame = MessageCodec.EncodeFrame(request);
        var reader = new FrameReader(new MemoryStream(frame));
        Assert.True(reader.TryReadFrame(out ReadOnlyMemory<byte> payload));

        Envelope envelope = MessageCodec.ReadEnvelope(payload.Span);
        Request decoded = MessageCodec.DecodeRequest(envelope.Type, payload.Span);

        Assert.Equal(request.Type, envelope.Type);
        Assert.Equal(request.Id, envelope.Id);
        Assert.Equal(MessageCodec.EncodePayload(request), MessageCodec.EncodePayload(decoded));
    }

    [Fact]
    public void EncodePayload_WritesTypeFirst_CamelCase_AndOmitsNulls()
    {
        string json = Encoding.UTF8.GetString(MessageCodec.EncodePayload(
            new ChatMessage { MsgId = 5, Ts = "2026-01-01T00:00:00.000Z", From = "alice", To = "#a", Text = "hi" }));

        Assert.Equal("{\"type\":\"message\",\"msgId\":5,\"ts\":\"2026-01-01T00:00:00.000Z\",\"from\":\"alice\",\"to\":\"#a\",\"text\":\"hi\"}", json);
    }

    [Fact]
    public void Replies_CarryReAndDecodeOnTheClientSide()
    {
        byte[] payload = MessageCodec.EncodePayload(new RoomOk { Re = "3", Room = "#a", Topic = "t", Members = ["alice"] });

        Assert.Equal(new Envelope("ok", null, "3"), MessageCodec.ReadEnvelope(payload));
        RoomOk decoded = MessageCodec.Decode<RoomOk>(payload);
        Assert.Equal(["alice"], decoded.Members);
        Assert.Equal("t", decoded.Topic);

        ErrorReply error = MessageCodec.Decode<ErrorReply>(MessageCodec.EncodePayload(
            new ErrorReply { Code = ErrorCodes.RateLimited, Message = "slow down" }));
        Assert.Null(error.Re);
        Assert.Equal("rate_limited", error.Code);
    }

    [Fact]
    public void FileChunk_DataTravelsAsBase64()
    {
        string json = Encoding.UTF8.GetString(MessageCodec.EncodePayload(new FileChunk { FileId = "f", Seq = 1, Data = [0xFF, 0x00] }));

        Assert.Contains("\"data\":\"/wA=\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadAndSearchRequests_DecodeFromTheDocumentedJson()
    {
        var read = (ReadRequest)MessageCodec.DecodeRequest("read", "{\"type\":\"read\",\"id\":\"1\",\"room\":\"+team\",\"msgId\":42}"u8);
        var search = (SearchRequest)MessageCodec.DecodeRequest("search", "{\"type\":\"search\",\"q\":\"hello world\"}"u8);
        var away = (AwayRequest)MessageCodec.DecodeRequest("away", "{\"type\":\"away\"}"u8);

        Assert.Equal(("+team", 42L), (read.Room, read.MsgId));
        Assert.Equal(("hello world", (long?)null, (int?)null), (search.Q, search.Before, search.Limit));
        Assert.Null(away.Text);
    }

    [Theory]
    [InlineData("{\"type\":\"read\",\"room\":\"#a\"}")]
    [InlineData("{\"type\":\"read\",\"room\":\"#a\",\"msgId\":\"5\"}")]
    [InlineData("{\"type\":\"search\"}")]
    [InlineData("{\"type\":\"search\",\"q\":\"x\",\"limit\":\"all\"}")]
    [InlineData("{\"type\":\"whois\"}")]
    [InlineData("{\"type\":\"away\",\"text\":5}")]
    public void NewRequests_MissingOrMistypedField_IsABadRequest(string json)
    {
        string type = Envelope(json).Type;

        Assert.Throws<BadRequestException>(() => MessageCodec.DecodeRequest(type, Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void HelloOk_CarriesConversations_AndAGuestsReplyOmitsThem()
    {
        var ok = new HelloOk
        {
            Re = "1", User = "alice", Role = Roles.User, Server = "s",
            Conversations = [new ConversationInfo { Room = "#games", Kind = ConversationKinds.Room, ReadMsgId = 120, LastMsgId = 131, Unread = 5, Highlights = 1 }],
        };
        string json = Encoding.UTF8.GetString(MessageCodec.EncodePayload(ok));
        string guest = Encoding.UTF8.GetString(MessageCodec.EncodePayload(new HelloOk { Re = "1", User = "g", Role = Roles.Guest, Server = "s" }));

        Assert.Contains("\"conversations\":[{\"room\":\"#games\",\"kind\":\"room\",\"readMsgId\":120,\"lastMsgId\":131,\"unread\":5,\"highlights\":1}]", json, StringComparison.Ordinal);
        Assert.Equal(ok.Conversations, MessageCodec.Decode<HelloOk>(Encoding.UTF8.GetBytes(json)).Conversations);
        Assert.DoesNotContain("conversations", guest, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOldClientsView_OfTheExtendedFrames_StillDecodes()
    {
        // An older client reads an ok to hello, a history line that is a file offer, and a file event with msgId.
        byte[] hello = MessageCodec.EncodePayload(new HelloOk { Re = "1", User = "a", Role = Roles.User, Server = "s", Conversations = [] });
        var offer = new ChatMessage
        {
            MsgId = 9, Ts = "2026-01-01T00:00:00.000Z", From = "bob", To = "#a", Text = "sent a file: a.txt (3 bytes)",
            File = new OfferedFile { FileId = "f1", Name = "a.txt", Size = 3, Sha256 = new string('a', 64) },
        };
        string offerJson = Encoding.UTF8.GetString(MessageCodec.EncodePayload(offer));

        Assert.Equal("a", MessageCodec.Decode<HelloOk>(hello).User);
        Assert.Equal(offer.File, MessageCodec.Decode<ChatMessage>(Encoding.UTF8.GetBytes(offerJson)).File);
        Assert.Contains("\"file\":{\"fileId\":\"f1\",\"name\":\"a.txt\",\"size\":3,", offerJson, StringComparison.Ordinal);
        Assert.DoesNotContain("\"file\"", Encoding.UTF8.GetString(MessageCodec.EncodePayload(offer with { File = null })), StringComparison.Ordinal);
        Assert.DoesNotContain("msgId", Encoding.UTF8.GetString(MessageCodec.EncodePayload(
            new FileEvent { FileId = "f", From = "a", To = "b", Name = "n", Size = 1, Sha256 = "x", Ts = "t" })), StringComparison.Ordinal);
    }

    [Fact]
    public void SearchWhoisAndAwayReplies_RoundTrip()
    {
        var search = new SearchOk
        {
            Re = "4", More = true,
            Results = [new SearchResult { Room = "bob", Kind = ConversationKinds.Direct, MsgId = 7, Ts = "2026-01-01T00:00:00.000Z", From = "bob", Text = "games tonight?" }],
        };
        var whois = new WhoisOk { Re = "5", User = "bob", Role = Roles.User, Registered = true, LastSeen = "2026-01-01T00:00:00.000Z", Rooms = ["#games"] };
        var away = new AwayEvent { User = "bob", Text = "lunch" };

        SearchOk decodedSearch = MessageCodec.Decode<SearchOk>(MessageCodec.EncodePayload(search));
        WhoisOk decodedWhois = MessageCodec.Decode<WhoisOk>(MessageCodec.EncodePayload(whois));

        Assert.True(decodedSearch.More);
        Assert.Equal(search.Results, decodedSearch.Results);
        Assert.Equal(["#games"], decodedWhois.Rooms);
        Assert.Equal((whois.LastSeen, false, true), (decodedWhois.LastSeen, decodedWhois.Online, decodedWhois.Registered));
        Assert.Equal("{\"type\":\"away\",\"user\":\"bob\",\"text\":\"lunch\"}", Encoding.UTF8.GetString(MessageCodec.EncodePayload(away)));
        Assert.Equal("{\"type\":\"away\",\"user\":\"bob\"}", Encoding.UTF8.GetString(MessageCodec.EncodePayload(away with { Text = null })));
        Assert.Equal("lunch", MessageCodec.Decode<MsgOk>(MessageCodec.EncodePayload(new MsgOk { Re = "6", MsgId = 1, Ts = "t", Away = "lunch" })).Away);
    }
}
