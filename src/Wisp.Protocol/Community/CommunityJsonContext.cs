using System.Text.Json.Serialization;

namespace Wisp.Protocol.Community;

/// <summary>The source-generated JSON of every community wire record.</summary>
[JsonSourceGenerationOptions(MaxDepth = 16, AllowDuplicateProperties = false, WriteIndented = false)]
[JsonSerializable(typeof(CommunityRunFile))]
[JsonSerializable(typeof(CapabilitiesReply))]
[JsonSerializable(typeof(RoomInfo))]
[JsonSerializable(typeof(IReadOnlyList<RoomInfo>))]
[JsonSerializable(typeof(PollInfoReply))]
[JsonSerializable(typeof(CommunityMessage))]
[JsonSerializable(typeof(IReadOnlyList<CommunityMessage>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, ReactionInfo>))]
[JsonSerializable(typeof(PostMessageRequest))]
[JsonSerializable(typeof(ReactionAddedReply))]
[JsonSerializable(typeof(ReactionRemovedReply))]
[JsonSerializable(typeof(ReactionsClearedReply))]
[JsonSerializable(typeof(PinReply))]
[JsonSerializable(typeof(UnpinReply))]
[JsonSerializable(typeof(UnpinAllReply))]
[JsonSerializable(typeof(IReadOnlyList<BatchSubrequest>))]
[JsonSerializable(typeof(IReadOnlyList<BatchResult>))]
[JsonSerializable(typeof(IReadOnlyList<Reactor>))]
public sealed partial class CommunityJsonContext : JsonSerializerContext;
