using System.Text.Json;
using Wisp.Protocol.Storage;

namespace Wisp.Protocol.Rpc;

/// <summary>
/// The shared parse of delete_all, delete_before and expire_all: one timestamp field, <c>namespace</c> (an integer or
/// "all", default 0), pubkey, signature and subaccount, in Session's order — the timestamp field's type is checked in
/// its alphabetical place, its presence after the signature and subaccount.
/// </summary>
internal static class ScopedRequestParser
{
    public static ParseResult<ScopedRequest> Parse(JsonElement parameters, string timeField)
    {
        var p = new ParamReader(parameters);
        // "before" and "expiry" sort before "namespace"; "timestamp" sorts last.
        var early = timeField != "timestamp";
        var time = early ? p.Timestamp(timeField) : null;
        var scope = p.Scope("namespace");
        var pubkeyText = p.String("pubkey");
        var pubkeyEd25519 = p.String("pubkey_ed25519");
        var signatureText = p.String("signature");
        var subaccount = p.String("subaccount");
        var subaccountSig = p.String("subaccount_sig");
        if (!early)
            time = p.Timestamp(timeField);
        if (p.Error is { } typeError)
            return typeError;
        var (pubkey, signature) = p.LoadSignature(pubkeyText, pubkeyEd25519, signatureText);
        var signed = p.LoadSubaccount(subaccount, subaccountSig);
        if (p.Failed || !p.Require(timeField, time))
            return p.Error!;
        return new ScopedRequest(pubkey!, scope ?? NamespaceScope.Of(Namespaces.Default), time!.Value, signature! with { Subaccount = signed });
    }

    internal sealed record ScopedRequest(StoragePubkey Pubkey, NamespaceScope Scope, long TimeMs, RequestSignature Signature);
}
