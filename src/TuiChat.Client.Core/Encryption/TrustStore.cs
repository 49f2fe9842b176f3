using System.Text.Json;
using System.Text.Json.Serialization;
using TuiChat.Protocol;

namespace TuiChat.Client.Core.Encryption;

/// <summary>What this client knows about a contact's keys, as the conversation title shows it.</summary>
public enum TrustLevel
{
    /// <summary>No keys known: messages go in plain text.</summary>
    None,

    /// <summary>Keys pinned on first use: 🔒 encrypted.</summary>
    Pinned,

    /// <summary>Keys pinned and the safety number confirmed: ✔ verified.</summary>
    Verified,

    /// <summary>The contact now presents other keys: ⚠ key changed; nothing is sent until <c>/trust</c>.</summary>
    Changed,
}

/// <summary>
/// Trust on first use: the first keys seen for a contact are pinned, in
/// <see cref="KeyFolder.PinsPath"/> (owner-only); other keys later are held back as a pending
/// change until the user accepts them with <c>/trust</c>. Thread-safe.
/// </summary>
public sealed class TrustStore
{
    private readonly KeyFolder _folder;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Pin> _pins;

    private TrustStore(KeyFolder folder, Dictionary<string, Pin> pins)
    {
        _folder = folder;
        _pins = pins;
    }

    public static TrustStore Open(KeyFolder folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        Dictionary<string, Pin>? pins = null;
        if (File.Exists(folder.PinsPath))
        {
            try
            {
                pins = JsonSerializer.Deserialize(File.ReadAllBytes(folder.PinsPath), PinsJsonContext.Default.DictionaryStringPin);
            }
            catch (JsonException e)
            {
                throw new KeyFileException($"{folder.PinsPath} is damaged ({e.Message}); move it away to pin contacts afresh");
            }
        }
        return new TrustStore(folder, pins ?? new Dictionary<string, Pin>(StringComparer.Ordinal));
    }

    public TrustLevel LevelOf(string user)
    {
        lock (_gate)
        {
            return !_pins.TryGetValue(NameRules.Key(user), out Pin? pin) ? TrustLevel.None
                : pin.ChangedAgreement is not null ? TrustLevel.Changed
                : pin.Verified ? TrustLevel.Verified
                : TrustLevel.Pinned;
        }
    }

    /// <summary>The pinned keys, or null when none are pinned.</summary>
    public (byte[] Agreement, byte[] Signing)? Pinned(string user)
    {
        lock (_gate)
        {
            return _pins.TryGetValue(NameRules.Key(user), out Pin? pin) ? (pin.Agreement, pin.Signing) : null;
        }
    }

    /// <summary>
    /// Records keys seen for <paramref name="user"/>: pins them when none are pinned, and holds other
    /// keys back as a change. Returns the level after; <see cref="TrustLevel.Changed"/> means
    /// these keys are not the pinned ones.
    /// </summary>
    public TrustLevel Observe(string user, byte[] agreement, byte[] signing)
    {
        lock (_gate)
        {
            string key = NameRules.Key(user);
            if (!_pins.TryGetValue(key, out Pin? pin))
            {
                _pins[key] = new Pin { Agreement = agreement, Signing = signing };
                Save();
                return TrustLevel.Pinned;
            }
            if (pin.Agreement.AsSpan().SequenceEqual(agreement) && pin.Signing.AsSpan().SequenceEqual(signing))
            {
                return pin.ChangedAgreement is not null ? TrustLevel.Changed : pin.Verified ? TrustLevel.Verified : TrustLevel.Pinned;
            }
            bool news = pin.ChangedAgreement is null || !pin.ChangedAgreement.AsSpan().SequenceEqual(agreement)
                || !pin.ChangedSigning!.AsSpan().SequenceEqual(signing);
            if (news)
            {
                _pins[key] = pin with { ChangedAgreement = agreement, ChangedSigning = signing };
                Save();
            }
            return TrustLevel.Changed;
        }
    }

    /// <summary><c>/trust</c>: the pending keys replace the pin (not verified). False when nothing is pending.</summary>
    public bool AcceptChange(string user)
    {
        lock (_gate)
        {
            string key = NameRules.Key(user);
            if (!_pins.TryGetValue(key, out Pin? pin) || pin.ChangedAgreement is null)
            {
                return false;
            }
            _pins[key] = new Pin { Agreement = pin.ChangedAgreement, Signing = pin.ChangedSigning! };
            Save();
            return true;
        }
    }

    /// <summary><c>/verify user confirm</c>: marks the pinned keys verified. False when none are pinned or a change is pending.</summary>
    public bool MarkVerified(string user)
    {
        lock (_gate)
        {
            string key = NameRules.Key(user);
            if (!_pins.TryGetValue(key, out Pin? pin) || pin.ChangedAgreement is not null)
            {
                return false;
            }
            _pins[key] = pin with { Verified = true };
            Save();
            return true;
        }
    }

    private void Save() =>
        _folder.WriteOwnerOnly(_folder.PinsPath, JsonSerializer.SerializeToUtf8Bytes(_pins, PinsJsonContext.Default.DictionaryStringPin));
}

/// <summary>One contact's pinned keys and, after a key change, the new keys waiting for <c>/trust</c>.</summary>
internal sealed record Pin
{
    public required byte[] Agreement { get; init; }
    public required byte[] Signing { get; init; }
    public bool Verified { get; init; }
    public byte[]? ChangedAgreement { get; init; }
    public byte[]? ChangedSigning { get; init; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Dictionary<string, Pin>))]
internal sealed partial class PinsJsonContext : JsonSerializerContext;
