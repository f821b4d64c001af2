package dev.gradfit.api.request;

import dev.gradfit.memory.MemoryAccount;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/** Finds the memory account the web layer opened for a request, to hand to the readers of its body. */
public final class MemoryAccounts {

    private MemoryAccounts() {}

    /** The account of {@code request}; none when no body filter opened one (a slice test without filters). */
    public static MemoryAccount of(HttpServletRequest request) {
        return request.getAttribute(MemoryAccount.ATTRIBUTE) instanceof MemoryAccount account
                ? account
                : MemoryAccount.NONE;
    }

    /** The account of the request Spring MVC is handling on this thread. */
    public static MemoryAccount current() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        Object account =
                request == null ? null : request.getAttribute(MemoryAccount.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        return account instanceof MemoryAccount found ? found : MemoryAccount.NONE;
    }
}
