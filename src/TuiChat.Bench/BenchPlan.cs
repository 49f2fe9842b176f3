using System.Globalization;
using System.Net;
using TuiChat.Bench.Wire;
using TuiChat.Protocol;

namespace TuiChat.Bench;

/// <summary>A validated workload: what <see cref="BenchRunner"/> runs.</summary>
internal sealed record BenchPlan
{
    public required IWire Wire { get; init; }
    /// <summary>The servers; several are the nodes of one cluster, and the clients spread over them (<see cref="ServerFor"/>).</summary>
    public required IReadOnlyList<IPEndPoint> Servers { get; init; }
    public required int Clients { get; init; }
    public int IdleClients { get; init; }
    public required int Senders { get; init; }
    public required int Messages { get; init; }
    public int Size { get; init; } = 64;
    public double Rate { get; init; }
    public int Window { get; init; } = 256;
    public string Room { get; init; } = "#bench";

    /// <summary>Rooms the clients spread over (0: everybody in <see cref="Room"/>, idle clients in none).</summary>
    public int Rooms { get; init; }
    public int ConnectParallel { get; init; } = 50;
    public bool Idle { get; init; }
    public TimeSpan Hold { get; init; } = TimeSpan.FromSeconds(3);
    /// <summary>The server processes to measure (a cluster's nodes: summed); empty for none.</summary>
    public IReadOnlyList<int> ServerPids { get; init; } = [];
    public string UserPrefix { get; init; } = "bench";
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Deliveries one message makes: every room member, less the sender where the server does not echo.</summary>
    public int DeliveriesPerMessage => Wire.EchoesToSender ? Clients : Clients - 1;

    /// <summary>True when client <paramref name="index"/> joins a room: every room client, idle runs only with --rooms.</summary>
    public bool Joins(int index) => index < Clients && (!Idle || Rooms > 0);

    /// <summary>The server client <paramref name="index"/> connects to: round robin over <see cref="Servers"/>.</summary>
    public IPEndPoint ServerFor(int index) => Servers[index % Servers.Count];

    /// <summary>The room client <paramref name="index"/> joins: with N rooms, <c>Room-(index mod N)</c>.</summary>
    public string RoomOf(int index) =>
        Rooms > 1 ? string.Create(CultureInfo.InvariantCulture, $"{Room}-{index % Rooms}") : Room;

    public long ExpectedDeliveries => Idle ? 0 : (long)Senders * Messages * DeliveriesPerMessage;

    /// <summary>Turns command-line options into a plan, or explains what is wrong with them.</summary>
    public static bool TryCreate(BenchOptions options, out BenchPlan? plan, out string error)
    {
        ArgumentNullException.ThrowIfNull(options);
        plan = null;
        IWire? wire = options.Proto.ToLowerInvariant() switch
        {
            "tuichat" => new TuiChatWire(),
            "irc" => new IrcWire(),
            _ => null,
        };
        error = wire is null ? "--proto must be tuichat or irc"
            : !IPAddress.TryParse(options.Host, out _) ? "--host must be an IP address"
            : options.PortList.Any(p => p is < 1 or > 65535) ? "--port must be 1-65535"
            : options.Clients < 1 ? "--clients must be at least 1"
            : options.IdleClients < 0 ? "--idle-clients must not be negative"
            : !options.Idle && (options.Senders < 1 || options.Senders > Math.Min(options.Clients, Marker.MaxSenders)) ? "--senders must be 1..clients"
            : !options.Idle && (options.Messages < 1 || options.Messages > Marker.MaxSeq) ? "--messages must be 1..99999999"
            : options.Size < Marker.Length || options.Size > (options.Proto == "irc" ? 400 : ProtocolLimits.MaxTextBytes) ? $"--size must be {Marker.Length}..4096 (400 for irc)"
            : options.Rate < 0 ? "--rate must not be negative"
            : options.Window < 0 ? "--window must not be negative"
            : options.Rooms < 0 ? "--rooms must not be negative"
            : options.Rooms > 1 && !options.Idle ? "--rooms above 1 needs --idle (messages go to one room)"
            : options.ConnectParallel < 1 ? "--connect-parallel must be at least 1"
            : options.Timeout <= 0 ? "--timeout must be positive"
            : !NameRules.IsRoomName(options.Room) ? "--room must start with # (or +)"
            : "";
        if (error.Length > 0)
        {
            return false;
        }
        plan = new BenchPlan
        {
            Wire = wire!,
            Servers = [.. options.PortList.Select(p => new IPEndPoint(IPAddress.Parse(options.Host), p))],
            Clients = options.Clients,
            IdleClients = options.IdleClients,
            Senders = options.Idle ? 0 : options.Senders,
            Messages = options.Idle ? 0 : options.Messages,
            Size = options.Size,
            Rate = options.Rate,
            Window = options.Window,
            Room = options.Room,
            Rooms = options.Rooms,
            ConnectParallel = options.ConnectParallel,
            Idle = options.Idle,
            Hold = TimeSpan.FromSeconds(options.Hold),
            ServerPids = [.. options.ServerPids],
            UserPrefix = options.UserPrefix,
            Timeout = TimeSpan.FromSeconds(options.Timeout),
        };
        return true;
    }
}
