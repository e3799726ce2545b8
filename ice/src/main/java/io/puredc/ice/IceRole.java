package io.puredc.ice;

/** RFC 8445 §6.1.1: the offerer's full agent controls, the answerer's is controlled. */
public enum IceRole {
    CONTROLLING,
    CONTROLLED
}
