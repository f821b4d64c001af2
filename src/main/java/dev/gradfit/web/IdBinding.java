package dev.gradfit.web;

import dev.gradfit.model.ModelIds;
import java.beans.PropertyEditorSupport;
import java.util.UUID;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Ids in paths by {@link ModelIds}'s rule, the one the Open Inference Protocol's model names and the prediction
 * fast path follow, so that an id that breaks it is the same 400 on every route whoever answers it. Job ids are
 * UUIDs of the same form. An editor rather than a converter: Spring falls back to its own {@code UUIDEditor}
 * when a converter refuses, and that takes {@code 1-2-3-4-5}.
 */
@ControllerAdvice
class IdBinding {

    @InitBinder
    void ids(WebDataBinder binder) {
        binder.registerCustomEditor(UUID.class, new PropertyEditorSupport() {
            @Override
            public void setAsText(String text) {
                UUID id = ModelIds.parse(text);
                if (id == null) {
                    throw new IllegalArgumentException("an id is a UUID's 36 characters");
                }
                setValue(id);
            }
        });
    }
}
