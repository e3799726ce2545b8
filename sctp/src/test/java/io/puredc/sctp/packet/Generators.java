package io.puredc.sctp.packet;

import io.puredc.sctp.packet.cause.CookieReceivedWhileShuttingDownCause;
import io.puredc.sctp.packet.cause.ErrorCause;
import io.puredc.sctp.packet.cause.InvalidMandatoryParameterCause;
import io.puredc.sctp.packet.cause.InvalidStreamIdentifierCause;
import io.puredc.sctp.packet.cause.MissingMandatoryParameterCause;
import io.puredc.sctp.packet.cause.NoUserDataCause;
import io.puredc.sctp.packet.cause.OutOfResourceCause;
import io.puredc.sctp.packet.cause.ProtocolViolationCause;
import io.puredc.sctp.packet.cause.RestartWithNewAddressesCause;
import io.puredc.sctp.packet.cause.StaleCookieCause;
import io.puredc.sctp.packet.cause.UnknownCause;
import io.puredc.sctp.packet.cause.UnrecognizedChunkTypeCause;
import io.puredc.sctp.packet.cause.UnrecognizedParametersCause;
import io.puredc.sctp.packet.cause.UnresolvableAddressCause;
import io.puredc.sctp.packet.cause.UserInitiatedAbortCause;
import io.puredc.sctp.packet.chunk.AbortChunk;
import io.puredc.sctp.packet.chunk.Chunk;
import io.puredc.sctp.packet.chunk.CookieAckChunk;
import io.puredc.sctp.packet.chunk.CookieEchoChunk;
import io.puredc.sctp.packet.chunk.DataChunk;
import io.puredc.sctp.packet.chunk.ErrorChunk;
import io.puredc.sctp.packet.chunk.ForwardTsnChunk;
import io.puredc.sctp.packet.chunk.HeartbeatAckChunk;
import io.puredc.sctp.packet.chunk.HeartbeatRequestChunk;
import io.puredc.sctp.packet.chunk.InitAckChunk;
import io.puredc.sctp.packet.chunk.InitChunk;
import io.puredc.sctp.packet.chunk.ReConfigChunk;
import io.puredc.sctp.packet.chunk.SackChunk;
import io.puredc.sctp.packet.chunk.ShutdownAckChunk;
import io.puredc.sctp.packet.chunk.ShutdownChunk;
import io.puredc.sctp.packet.chunk.ShutdownCompleteChunk;
import io.puredc.sctp.packet.chunk.UnknownChunk;
import io.puredc.sctp.packet.param.AddIncomingStreamsParameter;
import io.puredc.sctp.packet.param.AddOutgoingStreamsParameter;
import io.puredc.sctp.packet.param.CookiePreservativeParameter;
import io.puredc.sctp.packet.param.ForwardTsnSupportedParameter;
import io.puredc.sctp.packet.param.HeartbeatInfoParameter;
import io.puredc.sctp.packet.param.HostNameAddressParameter;
import io.puredc.sctp.packet.param.IncomingSsnResetRequestParameter;
import io.puredc.sctp.packet.param.Ipv4AddressParameter;
import io.puredc.sctp.packet.param.Ipv6AddressParameter;
import io.puredc.sctp.packet.param.OutgoingSsnResetRequestParameter;
import io.puredc.sctp.packet.param.Parameter;
import io.puredc.sctp.packet.param.ReconfigurationResponseParameter;
import io.puredc.sctp.packet.param.SsnTsnResetRequestParameter;
import io.puredc.sctp.packet.param.StateCookieParameter;
import io.puredc.sctp.packet.param.SupportedAddressTypesParameter;
import io.puredc.sctp.packet.param.SupportedExtensionsParameter;
import io.puredc.sctp.packet.param.UnknownParameter;
import io.puredc.sctp.packet.param.UnrecognizedParameter;
import io.puredc.sctp.types.Ssn;
import io.puredc.sctp.types.Tsn;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik generators for every chunk, parameter and cause, over the full range of each field
 * (jqwik adds the edge cases 0, max and min of every range on its own).
 */
public final class Generators {
    private Generators() {}

    public static Arbitrary<Integer> u32() {
        return Arbitraries.integers();
    }

    public static Arbitrary<Integer> u16() {
        return Arbitraries.integers().between(0, 0xFFFF);
    }

    public static Arbitrary<Integer> u8() {
        return Arbitraries.integers().between(0, 0xFF);
    }

    public static Arbitrary<Tsn> tsn() {
        return u32().map(Tsn::new);
    }

    public static Arbitrary<Ssn> ssn() {
        return u16().map(Ssn::new);
    }

    /** Opaque bytes; lengths 0–3 mod 4 all occur, so padding is exercised. */
    public static Arbitrary<Bytes> bytes(int maxSize) {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(maxSize).map(Bytes::of);
    }

    public static Arbitrary<Bytes> bytesOfSize(int size) {
        return Arbitraries.bytes().array(byte[].class).ofSize(size).map(Bytes::of);
    }

    // ---- parameters (RFC 9260 §3.2.1, RFC 3758, RFC 5061, RFC 6525) ----

    public static Arbitrary<Parameter> reconfigParameter() {
        return Arbitraries.oneOf(List.of(
                Combinators.combine(u32(), u32(), tsn(), u16().list().ofMaxSize(8))
                        .as(OutgoingSsnResetRequestParameter::new),
                Combinators.combine(u32(), u16().list().ofMaxSize(8))
                        .as(IncomingSsnResetRequestParameter::new),
                u32().map(SsnTsnResetRequestParameter::new),
                Combinators.combine(u32(), u32()).as(ReconfigurationResponseParameter::new),
                Combinators.combine(u32(), u32(), tsn(), tsn()).as(ReconfigurationResponseParameter::new),
                Combinators.combine(u32(), u16()).as(AddOutgoingStreamsParameter::new),
                Combinators.combine(u32(), u16()).as(AddIncomingStreamsParameter::new)));
    }

    public static Arbitrary<Parameter> parameter() {
        return Arbitraries.oneOf(List.of(
                bytes(40).map(HeartbeatInfoParameter::new),
                bytesOfSize(4).map(Ipv4AddressParameter::new),
                bytesOfSize(16).map(Ipv6AddressParameter::new),
                bytes(40).map(StateCookieParameter::new),
                bytes(40).map(UnrecognizedParameter::new),
                u32().map(CookiePreservativeParameter::new),
                bytes(40).map(HostNameAddressParameter::new),
                u16().list().ofMaxSize(5).map(SupportedAddressTypesParameter::new),
                u8().list().ofMaxSize(9).map(SupportedExtensionsParameter::new),
                Arbitraries.just(new ForwardTsnSupportedParameter()),
                reconfigParameter(),
                Combinators.combine(u16().filter(t -> !Parameter.isKnownType(t)), bytes(40))
                        .as(UnknownParameter::new)));
    }

    // ---- error causes (RFC 9260 §3.3.10) ----

    public static Arbitrary<ErrorCause> cause() {
        return Arbitraries.oneOf(List.of(
                u16().map(InvalidStreamIdentifierCause::new),
                u16().list().ofMaxSize(7).map(MissingMandatoryParameterCause::new),
                u32().map(StaleCookieCause::new),
                Arbitraries.just(new OutOfResourceCause()),
                bytes(30).map(UnresolvableAddressCause::new),
                bytes(30).map(UnrecognizedChunkTypeCause::new),
                Arbitraries.just(new InvalidMandatoryParameterCause()),
                bytes(30).map(UnrecognizedParametersCause::new),
                tsn().map(NoUserDataCause::new),
                Arbitraries.just(new CookieReceivedWhileShuttingDownCause()),
                bytes(30).map(RestartWithNewAddressesCause::new),
                bytes(30).map(UserInitiatedAbortCause::new),
                bytes(30).map(ProtocolViolationCause::new),
                Combinators.combine(u16().filter(c -> !ErrorCause.isKnownCode(c)), bytes(30))
                        .as(UnknownCause::new)));
    }

    // ---- chunks ----

    public static Arbitrary<DataChunk> dataChunk(int maxPayload) {
        Arbitrary<Boolean> flag = Arbitraries.of(true, false);
        Arbitrary<boolean[]> flags = Combinators.combine(flag, flag, flag, flag)
                .as((u, b, e, i) -> new boolean[] {u, b, e, i});
        return Combinators.combine(tsn(), u16(), ssn(), u32(), bytes(maxPayload), flags)
                .as((tsn, sid, ssn, ppid, payload, f) ->
                        new DataChunk(tsn, sid, ssn, ppid, payload, f[0], f[1], f[2], f[3]));
    }

    public static Arbitrary<Chunk> chunk() {
        Arbitrary<List<Parameter>> params = parameter().list().ofMaxSize(4);
        Arbitrary<List<ErrorCause>> causes = cause().list().ofMaxSize(3);
        Arbitrary<HeartbeatInfoParameter> info = bytes(48).map(HeartbeatInfoParameter::new);
        return Arbitraries.oneOf(List.of(
                dataChunk(64),
                Combinators.combine(u32(), u32(), u16(), u16(), tsn(), params).as(InitChunk::new),
                Combinators.combine(u32(), u32(), u16(), u16(), tsn(), params).as(InitAckChunk::new),
                Combinators.combine(tsn(), u32(),
                        Combinators.combine(u16(), u16()).as(SackChunk.GapAckBlock::new).list().ofMaxSize(6),
                        tsn().list().ofMaxSize(6)).as(SackChunk::new),
                info.map(HeartbeatRequestChunk::new),
                info.map(HeartbeatAckChunk::new),
                Combinators.combine(Arbitraries.of(true, false), causes).as(AbortChunk::new),
                tsn().map(ShutdownChunk::new),
                Arbitraries.just(new ShutdownAckChunk()),
                causes.map(ErrorChunk::new),
                bytes(64).map(CookieEchoChunk::new),
                Arbitraries.just(new CookieAckChunk()),
                Arbitraries.of(true, false).map(ShutdownCompleteChunk::new),
                Combinators.combine(tsn(),
                        Combinators.combine(u16(), ssn()).as(ForwardTsnChunk.SkippedStream::new)
                                .list().ofMaxSize(6)).as(ForwardTsnChunk::new),
                reconfigParameter().list().ofMinSize(1).ofMaxSize(2).map(ReConfigChunk::new),
                Combinators.combine(u8().filter(t -> !Chunk.isKnownType(t)), u8(), bytes(40))
                        .as(UnknownChunk::new)));
    }
}
